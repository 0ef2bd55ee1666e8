/** Call packs by call id (DESIGN.md contract). Adding next year's call is adding one pack here. */
import type { CallId } from "../../extract/types.js";
import type { CallPack } from "../types.js";
import { hubeiIndustrialModel2026 } from "./hubei-industrial-model-2026.js";
import { hunanAiModel2025 } from "./hunan-ai-model-2025.js";
import { hunanDigitalCenter2025 } from "./hunan-digital-center-2025.js";
import {
  wuhanAiGovernanceModelAgent,
  wuhanAiGovernancePlatform,
  wuhanAiGovernanceScenario,
  wuhanAiGovernanceTerminal,
} from "./wuhan-ai-governance-2026.js";
import { wuhanVerticalModel2025 } from "./wuhan-vertical-model-2025.js";

export const CALL_PACKS: Readonly<Record<CallId, CallPack>> = {
  "wuhan-vertical-model-2025": wuhanVerticalModel2025,
  "hubei-industrial-model-2026": hubeiIndustrialModel2026,
  "wuhan-ai-governance-2026/scenario": wuhanAiGovernanceScenario,
  "wuhan-ai-governance-2026/model-agent": wuhanAiGovernanceModelAgent,
  "wuhan-ai-governance-2026/platform": wuhanAiGovernancePlatform,
  "wuhan-ai-governance-2026/terminal": wuhanAiGovernanceTerminal,
  "hunan-ai-model-2025": hunanAiModel2025,
  "hunan-digital-center-2025": hunanDigitalCenter2025,
};

export function packFor(callId: string | null | undefined): CallPack | null {
  return callId && Object.hasOwn(CALL_PACKS, callId) ? CALL_PACKS[callId as CallId] : null;
}
