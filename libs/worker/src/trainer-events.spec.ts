import { describe, expect, it } from '@jest/globals';
import { LineSplitter, metricPoints, parseTrainerLine } from './trainer-events.js';

describe('trainer events', () => {
  it('parses the four event types and keeps other lines as text', () => {
    expect(parseTrainerLine('{"type": "metric", "loss": 0.69, "global_step": 3}')).toEqual({
      type: 'metric',
      fields: { loss: 0.69, global_step: 3 },
    });
    expect(parseTrainerLine('{"type": "log", "message": "hi"}')).toEqual({ type: 'log', message: 'hi' });
    expect(parseTrainerLine('{"type": "artifact", "path": "out/model.pt", "kind": "model"}')).toEqual({
      type: 'artifact',
      path: 'out/model.pt',
      kind: 'model',
    });
    expect(parseTrainerLine('{"type": "done", "metrics": {"eval_accuracy": 0.6}}')).toEqual({
      type: 'done',
      metrics: { eval_accuracy: 0.6 },
    });
    expect(parseTrainerLine('Traceback (most recent call last):')).toEqual({
      type: 'text',
      line: 'Traceback (most recent call last):',
    });
    expect(parseTrainerLine('[1, 2]')).toEqual({ type: 'text', line: '[1, 2]' });
  });

  it('makes one point per numeric field at global_step, keeping nulls and skipping strings', () => {
    expect(metricPoints({ loss: 0.5, accuracy: null, backend: 'builtin', global_step: 7 }, 99)).toEqual([
      { step: 7, name: 'loss', value: 0.5 },
      { step: 7, name: 'accuracy', value: null },
    ]);
    expect(metricPoints({ eval_loss: 0.6 }, 4)).toEqual([{ step: 4, name: 'eval_loss', value: 0.6 }]);
  });

  it('splits chunks into lines, holding a partial line until it ends', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('a\nb')).toEqual(['a']);
    expect(splitter.push('c\r\nd')).toEqual(['bc']);
    expect(splitter.flush()).toEqual(['d']);
    expect(splitter.flush()).toEqual([]);
  });
});
