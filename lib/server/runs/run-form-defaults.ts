import { listMethods } from "@/lib/server/methods/list-methods";
import { roleSettingsFromEnv } from "@/lib/server/llm/llm-settings";
import { getProject } from "@/lib/server/projects/get-project";
import { getProjectBudget } from "@/lib/server/projects/get-project-budget";

/**
 * What the run form and the compare form start from: the project, its
 * default spending cap, the methods to choose from and each role's model
 * setting. Null when the project does not exist.
 */
export async function getRunFormDefaults(options: { projectId: string }) {
  const [project, budget, methods] = await Promise.all([
    getProject({ projectId: options.projectId }),
    getProjectBudget({ projectId: options.projectId }),
    listMethods(),
  ]);
  if (!project || !budget) return null;
  const defaultModels = {
    evolve: roleSettingsFromEnv("evolve").model,
    answer: roleSettingsFromEnv("answer").model,
    judge: roleSettingsFromEnv("judge").model,
    difficulty: roleSettingsFromEnv("difficulty").model,
  };
  return { project, budget, methods, defaultModels };
}
