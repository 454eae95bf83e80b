/**
 * A comparison, declared once: from an experiment's parameters and the keys
 * its second run may change, the parameters of both runs (a `compare`
 * switch and, for each key K, a twin `K2` holding run B's value) and the
 * split of validated values into each run's own. Everything not compared
 * (depth, learning rate, the seed…) is shared by construction. No tfjs: the
 * specs that use this load on the main thread.
 */
import { legendLabel, type BoolParam, type Label, type ParamSpec, type ParamSpecs, type ParamValue, type ParamValues } from '../params';

/** The switch that adds run B. */
export const COMPARE_PARAM = 'compare';

/** Run B's copy of parameter K: K's spec with its own label and default, pointing back at K. */
export type Twin<P extends ParamSpec, K extends string> = Omit<P, 'default' | 'label' | 'compareOf'> & {
  readonly default: ParamValue<P>;
  readonly label: Label;
  readonly compareOf: K;
};

export type ComparedParams<S extends ParamSpecs, K extends keyof S & string> = S & { readonly compare: BoolParam } & {
  readonly [P in K as `${P}2`]: Twin<S[P], P>;
};

/** One run's name ('a', 'b'), legend label and parameter values. */
export interface RunValues<S extends ParamSpecs> {
  name: 'a' | 'b';
  label: Label;
  values: ParamValues<S>;
}

export interface Comparison<S extends ParamSpecs, K extends keyof S & string> {
  readonly params: ComparedParams<S, K>;
  /** Run A, then run B when `compare` is on (its compared keys read from their twins). */
  runs(values: ParamValues<ComparedParams<S, K>>): RunValues<S>[];
}

const COMPARE_LABEL: Label = { en: 'Compare with a second run', zh: '与第二组对比' };
const twinLabel = (l: Label): Label => ({ en: `Run B: ${l.en}`, zh: `B 组：${l.zh}` });

/**
 * `b` names the keys run B may change and run B's defaults for them;
 * `compare` is whether the comparison is on by default.
 */
export function defineComparison<const S extends ParamSpecs, const K extends keyof S & string>(
  params: S,
  opts: { compare: boolean; b: { readonly [P in K]: ParamValue<S[P]> } },
): Comparison<S, K> {
  const keys = Object.keys(opts.b) as K[];
  const compared: Record<string, ParamSpec> = { ...params, [COMPARE_PARAM]: { kind: 'bool', default: opts.compare, label: COMPARE_LABEL } };
  for (const key of keys) {
    const spec = params[key]!;
    compared[`${key}2`] = { ...spec, default: opts.b[key], label: twinLabel(spec.label), compareOf: key } as ParamSpec;
  }
  // Legends name the compared values only: the rest is the same in both runs.
  const label = (letter: string, v: ParamValues<S>): Label => {
    const parts = keys.map((k) => legendLabel(params[k]!, v[k] as number | string | boolean));
    return { en: [letter, ...parts.map((p) => p.en)].join(' · '), zh: [letter, ...parts.map((p) => p.zh)].join(' · ') };
  };
  return {
    params: compared as ComparedParams<S, K>,
    runs(values) {
      const given = values as Record<string, unknown>;
      const a = Object.fromEntries(Object.keys(params).map((k) => [k, given[k]])) as ParamValues<S>;
      const out: RunValues<S>[] = [{ name: 'a', label: label('A', a), values: a }];
      if (given[COMPARE_PARAM]) {
        const b = { ...a };
        for (const k of keys) b[k] = given[`${k}2`] as ParamValues<S>[K];
        out.push({ name: 'b', label: label('B', b), values: b });
      }
      return out;
    },
  };
}
