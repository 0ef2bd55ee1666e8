/** A summary-table cell's text from one package's report; null when the report does not have it. */
import type { Field } from "../../model.js";
import type { Report } from "../schema.js";
import type { ColumnSource } from "./types.js";

const FORM_EXTRACTOR = "rule:form";

/**
 * The value of `key` a reader would quote: an LLM summary or the application form's own cell first (the
 * applicant typed it), then the most confident reading of any other document (a scan's OCR).
 */
export function pickField(report: Report, key: string): Field | undefined {
  const rank = (f: Field) =>
    (f.extractor === FORM_EXTRACTOR ? 2 : f.extractor.startsWith("llm:") ? 1 : 0) * 10 + f.confidence;
  return report.fields.filter((f) => f.key === key && !isEmpty(f.value)).sort((a, b) => rank(b) - rank(a))[0];
}

export function fieldText(report: Report, key: string): string | null {
  const f = pickField(report, key);
  return f ? valueText(f.value) : null;
}

export function valueText(value: Field["value"]): string {
  if (Array.isArray(value)) return value.join("、");
  if (typeof value === "boolean") return value ? "是" : "否";
  return String(value ?? "").trim();
}

const isEmpty = (v: Field["value"]) => v === null || valueText(v) === "";

export function cellText(report: Report, source: ColumnSource, row: number): string | null {
  switch (source.kind) {
    case "index":
      return String(row);
    case "field": {
      for (const key of source.keys) {
        const text = fieldText(report, key);
        if (text === null) continue;
        if (!source.options) return text;
        const option = source.options.find((o) => text.includes(o));
        if (option) return option;
      }
      return null;
    }
    case "place":
      return placeName(report, source.level);
    case "description": {
      // The LLM stage's 「100字左右」 description, when it ran (model-written, so only ever this cell).
      const llm = report.stages.llm.used ? report.stages.llm.summary?.description : undefined;
      if (llm) return llm;
      for (const key of source.keys) {
        const text = fieldText(report, key);
        if (text) return trimToSentence(text, 100);
      }
      return null;
    }
    case "per-call":
      return (report.call && source.values[report.call.id as keyof typeof source.values]) ?? null;
    case "contact": {
      const name = fieldText(report, "contact.name") ?? fieldText(report, "principal.name");
      const phone = fieldText(report, "contact.phone") ?? fieldText(report, "principal.phone");
      return name && phone ? `${name} ${phone}` : (name ?? phone);
    }
  }
}

/**
 * Cuts at the last sentence end (。！？；) that keeps the text near `target` characters; a first sentence that
 * is already far too long is cut at `target` with an ellipsis.
 */
export function trimToSentence(text: string, target: number): string {
  const flat = text.replace(/\s*\n\s*/g, "").trim();
  const chars = [...flat];
  if (chars.length <= target * 1.2) return flat;
  const sentences = flat.match(/[^。！？；!?;]+[。！？；!?;]?/g) ?? [flat];
  let out = "";
  for (const s of sentences) {
    if (out !== "" && [...out].length + [...s].length > target * 1.2) break;
    out += s;
  }
  if ([...out].length > target * 1.2) return `${chars.slice(0, target).join("")}…`;
  return out;
}

// GB/T 2260 codes of Wuhan's districts.
const WUHAN_DISTRICTS: Record<string, string> = {
  "420102": "江岸区",
  "420103": "江汉区",
  "420104": "硚口区",
  "420105": "汉阳区",
  "420106": "武昌区",
  "420107": "青山区",
  "420111": "洪山区",
  "420112": "东西湖区",
  "420113": "汉南区",
  "420114": "蔡甸区",
  "420115": "江夏区",
  "420116": "黄陂区",
  "420117": "新洲区",
};

// Functional zones report to the city as 「区」 but register under 420100 or a district code; the address says which.
const WUHAN_ZONES = ["东湖新技术开发区", "武汉经济技术开发区", "长江新区", "东湖生态旅游风景区"];

const PREFECTURES: Record<string, string> = {
  "4201": "武汉市",
  "4202": "黄石市",
  "4203": "十堰市",
  "4205": "宜昌市",
  "4206": "襄阳市",
  "4207": "鄂州市",
  "4208": "荆门市",
  "4209": "孝感市",
  "4210": "荆州市",
  "4211": "黄冈市",
  "4212": "咸宁市",
  "4213": "随州市",
  "4228": "恩施州",
  "429004": "仙桃市",
  "429005": "潜江市",
  "429006": "天门市",
  "429021": "神农架林区",
  "4301": "长沙市",
  "4302": "株洲市",
  "4303": "湘潭市",
  "4304": "衡阳市",
  "4305": "邵阳市",
  "4306": "岳阳市",
  "4307": "常德市",
  "4308": "张家界市",
  "4309": "益阳市",
  "4310": "郴州市",
  "4311": "永州市",
  "4312": "怀化市",
  "4313": "娄底市",
  "4331": "湘西州",
};

const CHANGSHA_COUNTIES: Record<string, string> = {
  "430102": "芙蓉区",
  "430103": "天心区",
  "430104": "岳麓区",
  "430105": "开福区",
  "430111": "雨花区",
  "430112": "望城区",
  "430121": "长沙县",
  "430181": "浏阳市",
  "430182": "宁乡市",
};

function placeName(report: Report, level: "wuhan-district" | "prefecture" | "county"): string | null {
  const code = (fieldText(report, "applicant.divisionCode") ?? "").replace(/\D/g, "");
  const address = fieldText(report, "applicant.address") ?? fieldText(report, "cover.address") ?? "";
  if (level === "wuhan-district") {
    const zone = WUHAN_ZONES.find((z) => address.includes(z));
    return WUHAN_DISTRICTS[code] ?? zone ?? Object.values(WUHAN_DISTRICTS).find((d) => address.includes(d)) ?? null;
  }
  if (level === "prefecture") {
    const hit = PREFECTURES[code] ?? PREFECTURES[code.slice(0, 4)];
    return hit ?? address.match(/^(?:[\u4e00-\u9fa5]{2,3}省)?([\u4e00-\u9fa5]{2,4}?(?:市|州))/)?.[1] ?? null;
  }
  return CHANGSHA_COUNTIES[code] ?? address.match(/(?:市|州)([\u4e00-\u9fa5]{1,4}?(?:区|县|市))/)?.[1] ?? null;
}
