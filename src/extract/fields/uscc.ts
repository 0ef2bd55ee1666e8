/**
 * 统一社会信用代码 (GB 32100-2015) and the organisation code inside it (GB 11714-1997).
 *
 * Layout of the 18 characters:
 *   1      登记管理部门代码 (registration authority)
 *   2      机构类别代码 (organisation type, meaning depends on position 1)
 *   3–8    登记管理机关行政区划码 (GB/T 2260 division code)
 *   9–17   主体标识码 = 组织机构代码 (8 body characters + GB 11714 check character)
 *   18     校验码 (mod-31 check over positions 1–17)
 */

/** The 31 characters GB 32100 allows (no I, O, S, V, Z), in value order. */
export const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Registration authorities (position 1) and the organisation types (position 2) each defines. */
const AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  "1": { name: "机构编制", types: { "1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他" } },
  "2": { name: "外交", types: { "1": "外国常驻新闻机构", "9": "其他" } },
  "3": { name: "司法行政", types: { "1": "律师执业机构", "2": "公证处", "3": "基层法律服务所", "4": "司法鉴定机构", "5": "仲裁委员会", "9": "其他" } },
  "4": { name: "文化", types: { "1": "外国在华文化中心", "9": "其他" } },
  "5": { name: "民政", types: { "1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他" } },
  "6": { name: "旅游", types: { "1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他" } },
  "7": { name: "宗教", types: { "1": "宗教活动场所", "2": "宗教院校", "9": "其他" } },
  "8": { name: "工会", types: { "1": "基层工会", "9": "其他" } },
  "9": { name: "工商", types: { "1": "企业", "2": "个体工商户", "3": "农民专业合作社" } },
  A: { name: "中央军委改革和编制办公室", types: { "1": "军队事业单位", "9": "其他" } },
  N: { name: "农业", types: { "1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他" } },
  Y: { name: "其他", types: {} },
};

/** Value of an organisation-code body character: digits 0–9, letters A–Z as 10–35. */
function orgCharValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return Number.NaN;
}

/** GB 11714 check character for the 8-character body of an organisation code. */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) {
    throw new RangeError(`organisation code body must be 8 characters 0-9/A-Z, got ${JSON.stringify(body8)}`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(body8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/** GB 32100 check character (position 18) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`character ${JSON.stringify(first17[i])} at position ${i + 1} is not allowed in a USCC`);
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export interface ParsedUscc {
  code: string;
  /** Position 1, e.g. "工商" for 9. */
  registrationAuthority: string | null;
  /** Position 2 read under position 1, e.g. "企业" for 91. */
  orgType: string | null;
  /** Positions 3–8. */
  divisionCode: string;
  /** Positions 9–17 as 8 + check, e.g. "19220382-1" is written "192203821". */
  orgCode: string;
  valid: boolean;
  /** Chinese descriptions of every defect found; empty when valid. */
  problems: string[];
}

/** Normalise what people type: trim, full-width to half-width, upper case, drop spaces and hyphens. */
export function normalizeUscc(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, "")
    .toUpperCase();
}

export function parseUscc(raw: string): ParsedUscc {
  const code = normalizeUscc(raw);
  const problems: string[] = [];
  const authority = AUTHORITIES[code[0] ?? ""];
  const result: ParsedUscc = {
    code,
    registrationAuthority: authority?.name ?? null,
    orgType: authority?.types[code[1] ?? ""] ?? null,
    divisionCode: code.slice(2, 8),
    orgCode: code.slice(8, 17),
    valid: false,
    problems,
  };
  if (code.length !== 18) {
    problems.push(`长度应为18位，实际为${code.length}位`);
    return result;
  }
  const bad = [...code].findIndex((c) => !USCC_CHARSET.includes(c));
  if (bad >= 0) {
    problems.push(`第${bad + 1}位字符“${code[bad]}”不允许出现在统一社会信用代码中（不使用I、O、S、V、Z）`);
    return result;
  }
  if (!authority) problems.push(`第1位登记管理部门代码“${code[0]}”无效`);
  else if (code[0] !== "Y" && !result.orgType) problems.push(`第2位机构类别代码“${code[1]}”与登记管理部门“${authority.name}”不匹配`);
  if (!/^\d{6}$/.test(result.divisionCode)) problems.push(`第3-8位行政区划码“${result.divisionCode}”应为6位数字`);
  const orgBody = code.slice(8, 16);
  if (/^[0-9A-Z]{8}$/.test(orgBody)) {
    const expected = orgCodeCheckChar(orgBody);
    if (code[16] !== expected) problems.push(`第9-17位组织机构代码校验位应为“${expected}”，实际为“${code[16]}”`);
  }
  const check = usccCheckChar(code.slice(0, 17));
  if (code[17] !== check) problems.push(`第18位校验码应为“${check}”，实际为“${code[17]}”`);
  result.valid = problems.length === 0;
  return result;
}

export function isValidUscc(raw: string): boolean {
  return parseUscc(raw).valid;
}

/** Build a valid code from its parts; the org body gets its GB 11714 check and the whole its GB 32100 check. */
export function makeUscc(authorityAndType: string, divisionCode: string, orgBody8: string): string {
  if (!/^[0-9A-Y]{2}$/.test(authorityAndType)) throw new RangeError(`bad authority/type ${JSON.stringify(authorityAndType)}`);
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError(`bad division code ${JSON.stringify(divisionCode)}`);
  const first17 = authorityAndType + divisionCode + orgBody8 + orgCodeCheckChar(orgBody8);
  return first17 + usccCheckChar(first17);
}
