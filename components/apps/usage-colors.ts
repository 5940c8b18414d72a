// The colour of each pod's line in the usage charts, and of its key below them.
export const USAGE_COLORS = ["#1a46a1", "#047857", "#b45309", "#7c3aed", "#be123c", "#0e7490"];
