/**
 * How the SAML validator is composed: a list of named stages, each taking the previous stage's typed output and
 * adding findings to the shared report, run in order by one function. A stage that cannot give what the next
 * ones need (no XML, no assertion) answers STOP, and nothing that depends on it runs: the findings so far are
 * the verdict. The order is the safety argument (decode, refuse DTDs, structure, signatures with pinned
 * certificates, then only signed content), so it is written once, here, and a test reads it back.
 */

/** What a stage answers when the stages after it have nothing to work on. */
export const STOP: unique symbol = Symbol('stop');

export interface Stage<Context, In, Out> {
  /** Named in the order test and in a trace: what the stage checks. */
  name: string;
  run(context: Context, previous: In): Out | typeof STOP;
}

/** Stages composed so far, from In to Out; `then` adds one whose input is exactly this one's output. */
export interface Pipeline<Context, In, Out> {
  readonly names: readonly string[];
  then<Next>(stage: Stage<Context, Out, Next>): Pipeline<Context, In, Next>;
  /** Runs the stages in order until one stops; `observe` hears each stage's name as it starts. */
  run(context: Context, input: In, observe?: (name: string) => void): Out | typeof STOP;
}

type AnyStage<Context> = Stage<Context, unknown, unknown>;

function compose<Context, In, Out>(stages: readonly AnyStage<Context>[]): Pipeline<Context, In, Out> {
  return {
    names: stages.map((stage) => stage.name),
    then: <Next>(stage: Stage<Context, Out, Next>) => compose<Context, In, Next>([...stages, stage as AnyStage<Context>]),
    run(context, input, observe) {
      let value: unknown = input;
      for (const stage of stages) {
        observe?.(stage.name);
        const next = stage.run(context, value);
        if (next === STOP) return STOP;
        value = next;
      }
      return value as Out;
    },
  };
}

/** The start of a pipeline: its first stage. */
export function pipeline<Context, In, Out>(first: Stage<Context, In, Out>): Pipeline<Context, In, Out> {
  return compose<Context, In, Out>([first as AnyStage<Context>]);
}
