"use client";

import { useEffect } from "react";
import { SIMULATOR_RUN_MODELS } from "@/lib/simulator/simulator-models";
import { useRunFormStore, type RunFormValues } from "@/lib/stores/use-run-form-store";

/**
 * Fills the run form's store with the page's defaults (the run form and the
 * compare form share it): the real endpoint and its models when one is set,
 * else the simulator's; the project's spending cap.
 */
export function useRunFormDefaults(options: {
  realEndpoint: string | null;
  defaultModels: RunFormValues["models"];
  defaultCaps: { maxTokens: number | null; maxCostUsd: number | null };
}) {
  const init = useRunFormStore((s) => s.init);
  const { realEndpoint, defaultModels } = options;
  const { maxTokens, maxCostUsd } = options.defaultCaps;
  useEffect(() => {
    init({
      endpoint: realEndpoint ? "openai" : "simulator",
      models: realEndpoint ? defaultModels : SIMULATOR_RUN_MODELS,
      maxTokens: maxTokens === null ? "" : String(maxTokens),
      maxCostUsd: maxCostUsd === null ? "" : String(maxCostUsd),
    });
  }, [init, realEndpoint, defaultModels, maxTokens, maxCostUsd]);
}

/** The form's number fields as the schemas take them: a blank field is left out (the schema's default). */
export function runFormNumbers(values: RunFormValues) {
  const number = (text: string) => (text.trim() ? Number(text) : undefined);
  return {
    seedLimit: number(values.seedLimit),
    duplicateThreshold: number(values.duplicateThreshold),
    maxTokens: number(values.maxTokens),
    maxCostUsd: number(values.maxCostUsd),
  };
}
