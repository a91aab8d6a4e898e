// Fixed by the migration that inserted the built-ins (20261205100000_methods):
// runs.method_version_id defaults to paper v1, the templates of evol-v1.
export const PAPER_V1_ID = "00000000-0000-7000-8000-000000000011";
export const DEFAULT_METHOD = "paper";
