/** What the loss says: the data loss, the penalties beside it, and the accuracy of the prediction. */
import * as tf from '@tensorflow/tfjs-core';
import { accuracyFromLabels } from '../losses';
import { defineMetric } from './types';

export const loss = defineMetric({
  id: 'loss',
  fields: [{ per: 'step', key: 'loss', label: { en: 'Loss', zh: '损失' } }],
  reads: ['loss'],
  when: () => true,
  pack: (t, _, out) => out.add('value', t.loss),
  read: (v, _, _ctx, frame) => (frame.loss = v.scalar('value')),
  checked: (frame) => [frame.loss],
});

export const penalty = defineMetric({
  id: 'penalty',
  fields: [
    { per: 'step', key: 'penalty', label: { en: 'Regularisation penalty', zh: '正则化惩罚项' } },
    { per: 'step', key: 'penaltyShare', label: { en: 'Penalty’s share of the total loss', zh: '惩罚项在总损失中的占比' } },
  ],
  reads: ['penalty', 'loss'],
  when: (_, setup) => setup.penalties,
  pack: (t, _, out) => {
    out.add('value', t.penalty!);
    out.add('share', tf.div(t.penalty!, tf.add(t.loss, t.penalty!)));
  },
  read: (v, _, _ctx, frame) => {
    frame.penalty = v.scalar('value');
    frame.penaltyShare = v.scalar('share');
  },
  checked: (frame) => [frame.penalty!],
});

export const accuracy = defineMetric({
  id: 'accuracy',
  fields: [{ per: 'step', key: 'accuracy', label: { en: 'Accuracy', zh: '准确率' } }],
  reads: ['prediction'],
  when: (_, setup) => setup.classification,
  pack: (t, _, out) => out.add('value', accuracyFromLabels(t.lossName, t.pred, t.labels!)),
  read: (v, _, _ctx, frame) => (frame.accuracy = v.scalar('value')),
});

/**
 * Accuracy of a regression: the share of predictions within `option` of their target
 * (the adding problem's criterion, |ŷ − y| < 0.04, Hochreiter and Schmidhuber 1997).
 */
export const tolerance = defineMetric<'tolerance', number>({
  id: 'tolerance',
  fields: [{ per: 'step', key: 'accuracy', label: { en: 'Accuracy (share with |ŷ − y| below the tolerance)', zh: '准确率（|ŷ − y| 小于容差的比例）' } }],
  reads: ['prediction'],
  when: (option, setup) => typeof option === 'number' && !setup.classification,
  pack: (t, tol, out) => out.add('value', tf.mean(tf.cast(tf.less(tf.abs(tf.sub(t.pred, t.target)), tol), 'float32'))),
  read: (v, _, _ctx, frame) => (frame.accuracy = v.scalar('value')),
});
