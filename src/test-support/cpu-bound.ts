// Options for a suite whose work is fixed — a number of generated cases, a file of a given size — and bound by the
// CPU alone (no waiting on an event that might never come). Its run count bounds it; a wall-clock timeout would only
// measure how busy the machine is, and one did fail a clean-clone CI run on a loaded 2-core machine (issue 8 §10:
// the 10,000-file store fuzz took 46 s against the 30 s default). Suites that wait on events keep the default.
export const CPU_BOUND = { timeout: 0 } as const;
