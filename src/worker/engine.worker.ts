// The engine in a Web Worker: plan document in, evaluation out. Every request is answered with its id.
import { evaluateDoc, type EvalRequest, type EvalResponse } from './evaluate.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<EvalRequest>) => void) | null;
  postMessage(message: EvalResponse): void;
};

scope.onmessage = (event) => {
  const { id, doc, forecast } = event.data;
  scope.postMessage({ id, result: evaluateDoc(doc, forecast) });
};
