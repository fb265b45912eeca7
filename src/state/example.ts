// The example plan opened on first run: examples/food-delivery.json (the same file the CLI docs use). The glob
// import lets the renderer build while that file is missing; the small fallback below is used only then.
import { presetCurve } from '../curves/presets.ts';
import type { Doc } from './doc.ts';

const files = import.meta.glob<unknown>('../../examples/food-delivery.json', {
  eager: true,
  import: 'default',
});

function fallback(): Doc {
  const svc = (name: string, peak: number, cpu: number, dur: number, mem: number, extra: Doc = {}): Doc => ({
    name,
    trafficRps: presetCurve('evening-peak', 168, { by: 'peak', peakRps: peak }),
    cpuMsPerRequest: cpu,
    durationMs: dur,
    memoryMiB: mem,
    ...extra,
  });
  return {
    format: 'headroom-plan',
    version: 1,
    name: 'Food delivery platform',
    catalog: 'aws-us-east-1',
    services: [
      svc('api-gateway', 400, 4, 30, 512, { minInstances: 2 }),
      svc('consumer', 150, 25, 80, 1024),
      svc('restaurant', 80, 20, 70, 1024),
      svc('order', 120, 35, 120, 1024, { minInstances: 2 }),
      svc('kitchen', 60, 15, 50, 512),
      svc('delivery', 90, 30, 90, 1024),
      svc('accounting', 10, 80, 400, 2048, { stateful: true }),
    ],
  };
}

export function examplePlanDocument(): Doc {
  const file = Object.values(files)[0];
  return structuredClone((file ?? fallback()) as Doc);
}
