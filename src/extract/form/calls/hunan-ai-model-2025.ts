/** 2025年湖南省人工智能大模型项目申报书, 申报信息表 (seed 003). 字数 limits are the form's own. */
import type { FormSpec } from "../types.js";
import { check, f, filingDerived, group } from "./_shared.js";
import { HUNAN_HONOUR_HEADERS, honoursGroup, hunanCover, hunanOperations, hunanRegistration } from "./_hunan.js";

const COMPUTE = { 训练算力: "training", 推理算力: "inference" };
const rented = (label: string, key: string, kind: "text" | "number" | "amount") => [
  f(label, `compute.rented.training.${key}`, kind, { column: "训练算力" }),
  f(label, `compute.rented.inference.${key}`, kind, { column: "推理算力" }),
];

export const hunanAiModel2025: FormSpec = {
  callId: "hunan-ai-model-2025",
  title: "2025年湖南省人工智能大模型项目申报书",
  fields: [
    f("单位名称", "applicant.name"),
    ...hunanRegistration,
    group("单位联系人"),
    f("姓名", "contact.name", "text", { at: "below" }),
    f("职务职称", "contact.title", "text", { at: "below" }),
    f("联系电话", "contact.phone", "phone", { at: "below", row: "单位联系人" }),
    f("邮箱", "contact.email", "text", { at: "below" }),
    f("单位简介", "applicant.intro", "longText", {
      instruction: "简要介绍单位基本情况，重点突出人工智能研发团队及领军人才、人工智能的技术攻关和产品研发、人工智能应用赋能等情况。（不超过500字）",
      maxChars: 500,
    }),
    f("企业数字化转型通用评估分数及等级", "applicant.digitalAssessment", "text", { instruction: "（如有，请提供）" }),
    check("是否为“专精特新”企业", "applicant.srdi", ["是", "重点小巨人", "国家级", "省级", "否"]),
    honoursGroup("单位所获荣誉（省级及以上）"),
    ...hunanOperations(true),
    f("大模型名称", "model.name"),
    check("大模型类型", "model.type", ["基础通用大模型", "垂直领域大模型"]),
    check("大模型模态", "model.modality", ["视频", "语音", "文本", "多模态", "其他"]),
    check("基础大模型来源", "model.baseModelSource", ["开源", "商业", "自研"], {
      derive: [
        { key: "model.baseModel", kind: "text", pattern: /[☑■√✓✔]\s*(?:开源|商业|自研)\s*[（(]\s*模型名称\s*[:：]\s*([^）)]+?)\s*[)）]/u },
        ...filingDerived,
      ],
    }),
    check("应用领域", "model.domain", [
      "智能制造", "生物医药", "医疗健康", "普惠金融", "文化旅游", "现代农业", "工程机械", "轨道交通", "数字政务", "自然资源",
      "智慧教育", "康养服务", "绿色消费", "科学技术", "其他",
    ]),
    f("具体应用场景", "model.scenarios", "text", { instruction: "1.         ；2.         ；3.           ... ..." }),
    f("参数量（亿）", "model.paramsYi", "params"),
    f("项目投资额（万元）", "project.investment", "amount"),
    check("服务方式", "model.serviceMode", ["APP", "网页", "API接口", "本地部署", "其他"]),
    check("是否通过第三方专业评测机构的水平评测", "model.evaluated", ["是", "否"], {
      derive: [{ key: "model.evaluationOrg", kind: "text", pattern: /机构名称\s*[:：]?\s*([^\s☐□☑■]+)/u }],
    }),
    f("自建算力情况服务器数量、GPU厂商、型号及算力规模（TFlops）", "compute.self.{col}", "text", { at: "matrix", columns: COMPUTE }),
    group("租用第三方云平台或算力服务情况"),
    ...rented("第三方名称", "provider", "text"),
    ...rented("租用算力规模（TFlops）", "tflops", "number"),
    ...rented("年均算力租用费用（万元）", "annualCost", "amount"),
    check("训练数据来源", "model.dataSource", ["开源数据", "自采数据", "商业数据"]),
    f("训练数据量（TB）", "model.trainingDataTB", "dataTB"),
    check("是否包含侵害他人知识产权内容", "model.ipInfringement", ["是", "否"]),
    check("是否包含违法违规的个人信息内容", "model.illegalPersonalInfo", ["是", "否"]),
  ],
  sections: [
    { key: "model.intro", label: "大模型简介", instruction: "简述大模型特点、优势、应用场景、主要成效等。（不超过1000字，可附图进行必要说明）", maxChars: 1000 },
    {
      key: "model.performance",
      label: "模型技术性能",
      instruction:
        "填写参数量，阐述与应用场景复杂度的匹配性；用于训练大模型的数据量，训练数据涵盖文本、图像、语音等多模态数据情况，数据质量等，使用的数据集、工具箱；模型在实际部署环境下的推理延迟、吞吐量等性能指标；多模态处理能力；在数据存储、传输和使用过程中的安全性和隐私保护措施；产品的关键技术和性能指标，并与国内外同类模型进行对比分析，垂直领域型还需说明采用的基础大模型。（不超过2000字，可附图进行必要说明）",
      maxChars: 2000,
    },
    {
      key: "project.construction",
      label: "建设情况",
      instruction:
        "简述模型研发部署的实施过程，包括但不限于项目的创新性、资金投入、建设进度、数据准备、算力保障、模型选型、模型训练、模型调优等。（不超过1000字，可附图进行必要说明）",
      maxChars: 1000,
    },
    {
      key: "project.benefit",
      label: "经济和社会效益",
      instruction:
        "描述投入使用后为企业或行业带来的直接经济收益，如成本降低、收入增加等；对社会发展或行业发展产生的积极影响，如提高公共服务效率、促进就业、推动行业技术进步等，对上下游产业链的带动作用，促进相关技术、产品、服务的协同发展等情况。（不超过1000字，可附图或举例进行必要说明）",
      maxChars: 1000,
    },
    { key: "project.ip", label: "知识产权和资质荣誉", instruction: "拥有核心算法或关键技术的自主知识产权，与本项目相关的专利、软著、技术认证、获奖等情况。" },
  ],
  cover: hunanCover,
  structural: [
    "单位基本信息", ...HUNAN_HONOUR_HEADERS, "主要经营状况", "申报单位经营指标", "2023年", "2024年", "大模型基本信息",
    "算力资源情况", "分类", "训练算力", "推理算力", "训练数据来源及规模",
  ],
};
