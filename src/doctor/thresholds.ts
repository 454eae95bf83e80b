/**
 * Where the doctor draws its lines, declared once: the page states them, renders a
 * control for each and keeps changed ones in the URL (`?doctor.vanish=0.001`) the way
 * widgets keep their parameters.
 */
import { defineParams, type ParamValues } from '../engine/params';

export const THRESHOLDS = defineParams({
  vanish: {
    kind: 'float', min: 1e-12, max: 0.5, step: 1e-12, default: 0.01, scale: 'log',
    label: { en: 'Vanishing: first ÷ last layer’s gradient norm below', zh: '梯度消失：第一层与最后一层梯度范数之比低于' },
    help: {
      en: 'Compared step by step, weights only (names ending in bias or beta are left out). Above its reciprocal (100 for 0.01) the gradient grows toward the input: exploding across depth.',
      zh: '逐步比较，只比较权重（名字以 bias 或 beta 结尾的参数不参与）。高于它的倒数（0.01 对应 100）说明梯度越往输入端越大：沿深度方向爆炸。',
    },
  },
  persist: {
    kind: 'float', min: 0.05, max: 1, step: 0.05, default: 0.5,
    label: { en: '… on at least this share of the steps', zh: '……且至少占这么大比例的步数' },
    help: { en: 'A ratio past the line on a few steps is noise; on this share of them it is the network.', zh: '只有少数几步越线算噪声；达到这个比例才算网络本身的问题。' },
  },
  growth: {
    kind: 'float', min: 2, max: 1000000, step: 1, default: 100, scale: 'log',
    label: { en: 'Exploding: global norm grows by more than (×)', zh: '梯度爆炸：全局范数增长超过（倍）' },
    help: { en: 'Median of the last tenth of the steps over the median of the first tenth, before any non-finite value.', zh: '后十分之一步数的中位数除以前十分之一步数的中位数，只算出现非有限值之前的步。' },
  },
  spike: {
    kind: 'float', min: 2, max: 1000, step: 1, default: 10, scale: 'log',
    label: { en: 'Spike: global norm above the median of the 20 steps before by (×)', zh: '尖峰：全局范数超过前 20 步中位数的倍数' },
  },
  deadSteps: {
    kind: 'int', min: 1, max: 10000, step: 1, default: 10,
    label: { en: 'Dead layer: gradient exactly 0 to the end, for at least (logged steps)', zh: '死层：梯度恰好为 0 且一直持续到最后，至少（记录的步数）' },
  },
  saturated: {
    kind: 'float', min: 0.05, max: 1, step: 0.05, default: 0.5,
    label: { en: 'Saturation: share of activations in a flat tail above', zh: '饱和：处在平坦区的激活值比例高于' },
    help: { en: 'Mean of act_saturated over the last quarter of the steps.', zh: '取最后四分之一步数上 act_saturated 的平均值。' },
  },
  deadUnits: {
    kind: 'float', min: 0.05, max: 1, step: 0.05, default: 0.5,
    label: { en: 'Dead units: share of units flat for the whole batch above', zh: '死亡神经元：对整批输入都处在平坦区的神经元比例高于' },
    help: { en: 'Mean of act_dead over the last quarter of the steps.', zh: '取最后四分之一步数上 act_dead 的平均值。' },
  },
});

export type Thresholds = ParamValues<typeof THRESHOLDS>;

/** Steps before a spike that set its baseline. */
export const SPIKE_WINDOW = 20;
