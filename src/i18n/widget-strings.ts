import type { Lang } from './locales';

/**
 * Strings every live widget shares (the runtime's, and the axes and tables its
 * charts have in common), both languages side by side; `{name}` slots are filled
 * with `format()` from ./ui. A widget's own strings live in its module
 * (src/widgets/<id>/widget.ts); parameter labels are declared with the parameters.
 */
const en = {
  play: 'Play',
  pause: 'Pause',
  step: 'Step',
  reset: 'Reset',
  parameters: 'Parameters',
  compareWith: 'Second run (B)',
  status: {
    idle: 'Waiting to load',
    loading: 'Loading TensorFlow.js…',
    running: 'Training',
    paused: 'Paused',
    done: 'Finished',
    diverged: 'Diverged',
    error: 'Error',
  },
  runs: 'Runs',
  runStep: 'step {step}',
  /** A run that starts late (RunShape.start), before its first frame. */
  runStarts: 'starts at step {step}',
  share: 'Share and download',
  copyLink: 'Copy link',
  linkCopied: 'Link copied.',
  copyThis: 'Copy this link:',
  downloadCsv: 'Download CSV',
  downloadJson: 'Download JSON',
  embed: 'Embed',
  embedSnippet: 'Paste this into a page to show the widget as it is configured now:',
  stepsPerSecond: '{n} steps/s',
  backendTitle: 'Computed in this browser with TensorFlow.js on the {backend} backend',
  noscript: 'This figure trains a neural network in your browser and needs JavaScript.',
  notice: {
    clamped: '“{param}={raw}” is outside the allowed range; using {value}.',
    invalid: '“{param}={raw}” is not a valid value; using the default, {value}.',
    unknown: 'There is no parameter “{param}”; ignored.',
    pageParam: '“{key}={raw}” is not a setting of this page; ignored. Widget settings are written {example}.',
    backendJunk: '“backend={raw}” is not a backend (webgpu, wasm, webgl or cpu); ignored.',
    backend: 'The {requested} backend could not start ({reason}); using {backend} instead.',
    backendReason: { 'no-adapter': 'this browser offers no WebGPU adapter', failed: 'it failed to initialise' },
    error: 'Training stopped with an error: {message}',
  },
  diverged: 'Diverged at step {step}: {what} became {value}. Training stopped.',
  runDiverged: '{run} diverged at step {step}: {what} became {value}. This run stopped; training goes on without it.',
  divergedWhat: {
    loss: 'the loss',
    activation: 'the activations of layer {layer}',
    gradient: 'the gradient of layer {layer}',
    weight: 'the weights of layer {layer}',
  },
  axis: {
    step: 'Training step',
    // more than the tick labels (L1…, 第1层…) already say, so it cannot be read as one of them
    layer: 'Layer, input → output',
    layerShort: 'L{n}',
    loss: 'Loss',
    gradNorm: 'Gradient norm ‖∂L/∂W‖',
    gradAct: 'Gradient norm ‖∂L/∂h‖',
    preActivation: 'Pre-activation z',
    count: 'Count',
  },
  table: {
    show: 'Show data',
    step: 'Step',
    layer: 'Layer',
    caption: 'Every {stride}th step shown ({shown} of {total} rows).',
    captionAll: 'All {total} rows.',
    from: 'From',
    to: 'To',
    count: 'Count',
  },
  marks: {
    nonFinite: 'NaN or ∞ (off the chart)',
    nonPositive: 'zero (below the log axis)',
  },
} as const;

/** A string table's shape with its literal texts widened: what another language's table must match. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type WidgetStrings = Widen<typeof en>;

const zh: WidgetStrings = {
  play: '播放',
  pause: '暂停',
  step: '单步',
  reset: '重置',
  parameters: '参数',
  compareWith: '第二组（B）',
  status: {
    idle: '等待加载',
    loading: '正在加载 TensorFlow.js…',
    running: '训练中',
    paused: '已暂停',
    done: '训练结束',
    diverged: '已发散',
    error: '出错',
  },
  runs: '各组训练',
  runStep: '第 {step} 步',
  runStarts: '从第 {step} 步开始',
  share: '分享与下载',
  copyLink: '复制链接',
  linkCopied: '链接已复制。',
  copyThis: '请复制这个链接：',
  downloadCsv: '下载 CSV',
  downloadJson: '下载 JSON',
  embed: '嵌入',
  embedSnippet: '把这段代码粘贴到网页里，即可按当前配置显示这个小组件：',
  stepsPerSecond: '每秒 {n} 步',
  backendTitle: '在你的浏览器中用 TensorFlow.js 的 {backend} 后端计算',
  noscript: '这张图会在你的浏览器里训练一个神经网络，需要启用 JavaScript。',
  notice: {
    clamped: '“{param}={raw}”超出允许范围，已改用 {value}。',
    invalid: '“{param}={raw}”不是有效的取值，已改用默认值 {value}。',
    unknown: '没有名为“{param}”的参数，已忽略。',
    pageParam: '“{key}={raw}”不是本页的设置项，已忽略。交互组件的设置写作 {example}。',
    backendJunk: '“backend={raw}”不是可用的后端（webgpu、wasm、webgl 或 cpu），已忽略。',
    backend: '{requested} 后端无法启动（{reason}），已改用 {backend}。',
    backendReason: { 'no-adapter': '此浏览器没有可用的 WebGPU 适配器', failed: '初始化失败' },
    error: '训练因错误而停止：{message}',
  },
  diverged: '在第 {step} 步发散：{what}变成了 {value}，训练已停止。',
  runDiverged: '{run} 在第 {step} 步发散：{what}变成了 {value}。这一组已停止，其他组继续训练。',
  divergedWhat: {
    loss: '损失',
    activation: '第 {layer} 层的激活值',
    gradient: '第 {layer} 层的梯度',
    weight: '第 {layer} 层的权重',
  },
  axis: {
    step: '训练步数',
    layer: '层（从输入到输出）',
    layerShort: '第{n}层',
    loss: '损失',
    gradNorm: '梯度范数 ‖∂L/∂W‖',
    gradAct: '梯度范数 ‖∂L/∂h‖',
    preActivation: '激活前的值 z',
    count: '个数',
  },
  table: {
    show: '显示数据',
    step: '步',
    layer: '层',
    caption: '每 {stride} 步取一行（共 {total} 行，显示 {shown} 行）。',
    captionAll: '全部 {total} 行。',
    from: '起',
    to: '止',
    count: '个数',
  },
  marks: {
    nonFinite: 'NaN 或 ∞（超出图表）',
    nonPositive: '零（低于对数坐标下限）',
  },
};

export const widgetStrings: Record<Lang, WidgetStrings> = { en, zh };
