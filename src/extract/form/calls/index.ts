/**
 * The application-form spec of every call (DESIGN.md call ids), one module per call.
 *
 * Field keys the form reader emits (DESIGN.md keys first; `<year>` as read from the label or column header):
 *   applicant.name · applicant.uscc · applicant.address · applicant.nature · applicant.kind · applicant.consortium
 *   applicant.intro · applicant.partnerIntro · applicant.registeredCapital · applicant.foundedOn · applicant.bank
 *   applicant.bankAccount · applicant.legalRep · applicant.legalRepPhone · applicant.digitalAssessment · applicant.srdi
 *   principal.name · principal.title · principal.phone · contact.name · contact.title · contact.phone · contact.email
 *   finance.revenue.<year> · finance.aiRevenue.<year> · finance.revenueH1.<year> · finance.aiRevenueH1.<year>
 *   finance.totalAssets.<year> · finance.debtRatio.<year> · finance.netProfit.<year> · finance.tax.<year>
 *   finance.rdExpense.<year>
 *   staff.total · staff.rd · staff.aiRd · staff.ops · staff.total.<year> · staff.rd.<year>
 *   model.name · model.type · model.domain · model.industry · model.modality · model.paramsYi · model.trainingDataTB
 *   model.filing · model.filingNumber · model.filingDate · model.baseModel · model.baseModelSource · model.serviceMode
 *   model.rdCost · model.rdFunding · model.rdCostBreakdown · model.rdPeriod · model.capability · model.scenarios
 *   model.evaluated · model.evaluationOrg · model.dataSource · model.ipInfringement · model.illegalPersonalInfo
 *   model.intro · model.performance
 *   compute.self.training · compute.self.inference · compute.rented.{training,inference}.{provider,tflops,annualCost}
 *   dataset.source · dataset.name · dataset.modalities
 *   product.name · product.type · product.intro · product.rdCost · product.rdFunding · product.overview
 *   product.scenarios · product.innovation
 *   scenario.name · scenario.type · case.background · case.implementation · case.effect · case.value
 *   platform.name · platform.domainName · platform.serviceMode · platform.field · platform.intro · platform.openModels
 *   platform.openDataTB · platform.usableModels · platform.computeP · platform.providers · platform.aiCompanies
 *   platform.rdFunding
 *   project.overview · project.innovation · project.effect · project.construction · project.benefit · project.ip
 *   project.funding · project.investment
 *   center.investment · center.investmentPlanned · center.investmentActual · center.team · center.teamTotal
 *   center.teamDigital · center.teamDigitalPercent · center.industry · center.servedCompanies.<year>
 *   center.contractAmount.<year> · center.trainees.<year> · center.investors.<year> · center.financing.<year>
 *   center.universities.<year> · center.providers.<year> · center.intro · center.basis · center.goals
 *   center.content · center.effect · center.governance
 *   cover.applicant · cover.partner · cover.modelName · cover.modelCategory · cover.caseName · cover.productName
 *   cover.projectName · cover.recommender · cover.contact · cover.phone · cover.address · cover.date
 */
import type { CallId } from "../../types.js";
import type { FormSpec } from "../types.js";
import { hubeiIndustrialModel2026 } from "./hubei-industrial-model-2026.js";
import { hunanAiModel2025 } from "./hunan-ai-model-2025.js";
import { hunanDigitalCenter2025 } from "./hunan-digital-center-2025.js";
import { wuhanAiGovernanceModelAgent } from "./wuhan-ai-governance-2026-model-agent.js";
import { wuhanAiGovernancePlatform } from "./wuhan-ai-governance-2026-platform.js";
import { wuhanAiGovernanceScenario } from "./wuhan-ai-governance-2026-scenario.js";
import { wuhanAiGovernanceTerminal } from "./wuhan-ai-governance-2026-terminal.js";
import { wuhanVerticalModel2025 } from "./wuhan-vertical-model-2025.js";

export const FORM_SPECS: Readonly<Record<CallId, FormSpec>> = {
  "wuhan-vertical-model-2025": wuhanVerticalModel2025,
  "hubei-industrial-model-2026": hubeiIndustrialModel2026,
  "wuhan-ai-governance-2026/scenario": wuhanAiGovernanceScenario,
  "wuhan-ai-governance-2026/model-agent": wuhanAiGovernanceModelAgent,
  "wuhan-ai-governance-2026/platform": wuhanAiGovernancePlatform,
  "wuhan-ai-governance-2026/terminal": wuhanAiGovernanceTerminal,
  "hunan-ai-model-2025": hunanAiModel2025,
  "hunan-digital-center-2025": hunanDigitalCenter2025,
};
