// Public entry of the cost engine. Pure: imports only its own modules.
export * from './types.ts';
export * from './defaults.ts';
export { evaluate, forecast } from './engine.ts';
export { costingProblems, planProblems } from './problems.ts';
export { roundCents } from './money.ts';
export { weekCurve, weekLevels, monthlyRequests, HOURS_PER_WEEK, HOURS_PER_DAY } from './time.ts';
export { nodeAllocatable } from './kubernetes.ts';
