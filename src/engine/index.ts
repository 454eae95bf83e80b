/**
 * The whole engine, for the worker and for Node (loads tfjs-core; the caller
 * registers and picks a backend). The main thread should import ./page instead.
 */
export * from './page';
export { experiments, getExperiment, type Experiment } from './experiments/index';
export { createSession, layerShapes, type Extras, type RunBuilder, type RunPlan, type SessionConfig } from './experiments/run';
export { mlpRun, type MlpRunConfig } from './experiments/mlp-run';
export { createReferenceWorkload, REFERENCE, type ReferenceWorkload } from './reference-workload';
export { createRecurrentWorkload, recurrentReferenceSetup, RECURRENT_REFERENCE, type RecurrentWorkload } from './recurrent-workload';
export { createRng, hashSeed, type Rng } from './rng';
export { circles, datasets, DEFAULT_SIZE, sine1d, spirals, wave2d, type Dataset, type DatasetName, type TabularDataset, type Task } from './data';
export { getActivation, leakyRelu, type Activation } from './activations';
export { INIT_NAMES, initStd, initWeights, type InitName, type InitScheme } from './init';
export { ProbeSet, probeGradients } from './probes';
export { Dense, type DenseOptions, type NormPlacement } from './models/dense';
export { BatchNorm, type BatchNormOptions } from './models/batchnorm';
export { Residual, type ResidualOptions } from './models/residual';
export { buildMlp, type MlpConfig } from './models/mlp';
export { ParamRegistry, type ParamEntry } from './models/registry';
export { Sequential } from './models/sequential';
export type { Block, ForwardContext, LayerInfo, LayerKind, Model, ParamDecl, ParamRole, ProbeSpec } from './models/types';
export { clipByGlobalNorm, clipByValue, type GradientContext, type GradientTransform } from './train/clipping';
export { accuracy, getLoss, mse, sigmoidCrossEntropy, softmaxCrossEntropy, type LossName } from './train/losses';
export { adam, createOptimizer, momentum, sgd, type Optimizer, type OptimizerConfig, type OptimizerName } from './train/optimizers';
export { l1, l2, type Penalty, type PenaltyParam } from './train/regularization';
export type { HistogramSpec } from './train/histogram';
export { Trainer, type Evaluation, type MetricOptions, type TrainerConfig } from './train/trainer';
export { builtinMetrics, defineMetric, type Metric, type MetricField } from './train/metrics/index';
