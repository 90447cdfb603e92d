import { runHeavyTask, type HeavyTaskName } from './heavy-tasks.js';

/** Piscina's entry point in each worker thread. */
export default function handle({ name, input }: { name: HeavyTaskName; input: never }) {
  return runHeavyTask(name, input);
}
