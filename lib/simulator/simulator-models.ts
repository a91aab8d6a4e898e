/** The models a run against the simulator names for each role (the run form's choice; the simulator answers any). */
export const SIMULATOR_RUN_MODELS = {
  evolve: "sim-evolver",
  answer: "sim-answerer",
  judge: "sim-judge",
  difficulty: "sim-judge",
} as const;
