import type { Browser, Locator, Page } from '@playwright/test';
import { WIDGET_IDS, widgets } from '../src/widgets/registry';
import { column, test, expect } from './fixtures';

const widget = (page: Page, id: string) => page.locator(`figure[data-widget="${id}"]`);
/** A run's own element (DESIGN.md): data-run with its data-status and data-step (tables carry data-run too). */
const runOf = (page: Page, id: string, run: string) => widget(page, id).locator(`[data-run="${run}"][data-status]`);

async function stepOf(page: Page, id: string, run?: string): Promise<number> {
  return Number(await (run ? runOf(page, id, run) : widget(page, id)).getAttribute('data-step'));
}

const chapterOf = (id: keyof typeof widgets) => widgets[id].spec.chapter;

/** A page for one test, with reduced motion (nothing plays by itself) when asked. */
async function open(browser: Browser, baseURL: string | undefined, path: string, reducedMotion = false) {
  const context = await browser.newContext({ baseURL: baseURL!, ...(reducedMotion ? { reducedMotion: 'reduce' as const } : {}) });
  return { page: await context.newPage(), close: () => context.close() };
}

// Every registered widget, at its defaults: with two runs, the root's step is the furthest run's.
for (const id of WIDGET_IDS) {
  test(`${id} trains on wasm and draws at least 50 steps`, async ({ page, watch }) => {
    await page.goto(`en/${chapterOf(id)}/?backend=wasm`);
    const w = widget(page, id);
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
    await expect(w).toHaveAttribute('data-backend', 'wasm');
    await expect.poll(() => stepOf(page, id), { timeout: 30_000 }).toBeGreaterThanOrEqual(50);
    expect(watch.consoleErrors).toEqual([]);
  });
}

test('sigmoid at depth 10 shows vanishing: first-layer gradient < 1e-2 × last at step 0', async ({ browser, baseURL }) => {
  const { page, close } = await open(browser, baseURL, '', true);
  await page.goto('en/vanishing-gradients/?backend=wasm&saturation.depth=10&saturation.activation=sigmoid');
  await widget(page, 'saturation').scrollIntoViewIfNeeded();
  await expect(widget(page, 'saturation')).toHaveAttribute('data-step', '0', { timeout: 30_000 });
  await expect.poll(() => column(page, 'grad-norms', 1).then((n) => n.length)).toBe(11);
  const norms = await column(page, 'grad-norms', 1);
  expect(norms[0]! / norms.at(-1)!).toBeLessThan(1e-2);
  // and the histograms show each hidden layer's pre-activations
  await expect.poll(() => page.locator('table[data-series="pre-activations"] tbody tr').count()).toBeGreaterThan(10);
  await close();
});

test('the comparison: sigmoid + Xavier vanishes (< 1e-2) while ReLU + He, same seed, keeps first / last within 0.1…10', async ({ browser, baseURL }) => {
  const { page, close } = await open(browser, baseURL, '', true);
  await page.goto('en/overview/?backend=wasm&gradient-flow.depth=10');
  const w = widget(page, 'gradient-flow');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-step', '0', { timeout: 30_000 });
  await expect(w.locator('[data-run][data-status]')).toHaveCount(2);
  await expect.poll(() => column(page, 'grad-norms', 2).then((n) => n.filter(Number.isFinite).length)).toBe(11);
  const sigmoid = await column(page, 'grad-norms', 1);
  const relu = await column(page, 'grad-norms', 2);
  expect(sigmoid[0]! / sigmoid.at(-1)!).toBeLessThan(1e-2);
  const ratio = relu[0]! / relu.at(-1)!;
  expect(ratio).toBeGreaterThan(0.1);
  expect(ratio).toBeLessThan(10);
  await close();
});

for (const [lang, text] of [['en', /diverged at step (\d+): .*layer (\d+)/], ['zh', /在第 (\d+) 步发散：第 (\d+) 层/]] as const) {
  test(`one run diverging leaves the other training, and the widget says where (${lang})`, async ({ page }) => {
    await page.goto(`${lang}/exploding-gradients/?backend=wasm`);
    const w = widget(page, 'explosion');
    await w.scrollIntoViewIfNeeded();
    await expect(runOf(page, 'explosion', 'a')).toHaveAttribute('data-status', 'diverged', { timeout: 30_000 });
    const message = w.locator('.notice-bad[data-notice-run="a"]');
    await expect(message).toHaveText(text);
    const [, saidStep, saidLayer] = text.exec((await message.textContent())!)!;
    await expect.poll(() => stepOf(page, 'explosion', 'a')).toBe(Number(saidStep));
    expect(Number(saidLayer)).toBeGreaterThanOrEqual(1);
    // run B goes on well past the step where A stopped; A's step stays where it diverged
    await expect.poll(() => stepOf(page, 'explosion', 'b'), { timeout: 30_000 }).toBeGreaterThan(Number(saidStep) + 20);
    await expect(runOf(page, 'explosion', 'b')).toHaveAttribute('data-status', 'running');
    await expect(w).toHaveAttribute('data-status', 'running');
    expect(await stepOf(page, 'explosion', 'a')).toBe(Number(saidStep));
    await expect(w.locator('[data-action="play"]')).toBeEnabled();
  });
}

test('a single run that diverges stops the widget and disables Play', async ({ page }) => {
  await page.goto('en/exploding-gradients/?backend=wasm&explosion.compare=false');
  const w = widget(page, 'explosion');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'diverged', { timeout: 30_000 });
  await expect(w.locator('.notice-bad')).toHaveText(/^Diverged at step (\d+): .*layer (\d+)/);
  await expect(w.locator('[data-action="play"]')).toBeDisabled();
});

// The overview's widget and every remedy widget: each trains two runs on the same seed.
const PARITY_WIDGETS = ['gradient-flow', 'initialization', 'residual', 'activation', 'batchnorm', 'lstm', 'clipping', 'regularization', 'pretraining'] as const;
/**
 * At 20 layers the BN run's training-mode loss parts between any two backends (cpu and wasm
 * too) from its third step (its chapter's item 5, tested in Node): the backends are compared
 * at 8 layers, where they agree to 1e-6, through the same code.
 *
 * The LSTM on WebGPU runs its cell as tfjs ops (ops/lstm-cell.ts), ~1 500 kernels a step at T = 50 on a
 * software adapter: compared at T = 10, through the same code.
 */
const PARITY_QUERY: Partial<Record<(typeof PARITY_WIDGETS)[number], string>> = { batchnorm: '&batchnorm.depth=8', lstm: '&lstm.length=10' };

/**
 * Loss columns per widget where there are not two (one per run): batchnorm's two modes per run, clipping's three runs,
 * regularization's three runs' training and held-out losses (held out at step 0 only of these five: empty cells elsewhere),
 * pretraining's reconstruction loss of run A and both runs' training loss.
 */
const LOSS_COLUMNS: Partial<Record<(typeof PARITY_WIDGETS)[number], number>> = { batchnorm: 4, clipping: 3, regularization: 6, pretraining: 3 };
/** Losses the first five steps give at least (default 10: two runs); pretraining's are run A's first autoencoder's, run B starts later. */
const PARITY_VALUES: Partial<Record<(typeof PARITY_WIDGETS)[number], number>> = { pretraining: 5 };

for (const id of PARITY_WIDGETS) {
  test(`${id}: the same seed gives the same first 5 losses on webgpu and on wasm`, async ({ browser, baseURL }) => {
    // Two page loads and five steps on the software WebGPU adapter (batchnorm: 20 layers, an evaluation pass a step).
    test.setTimeout(180_000);
    const losses: Record<string, number[]> = {};
    for (const backend of ['webgpu', 'wasm']) {
      const { page, close } = await open(browser, baseURL, '', true);
      await page.goto(`en/${chapterOf(id)}/?backend=${backend}&${id}.seed=7${PARITY_QUERY[id] ?? ''}`);
      const w = widget(page, id);
      await w.scrollIntoViewIfNeeded();
      await expect(w).toHaveAttribute('data-step', '0', { timeout: 60_000 });
      await expect(w).toHaveAttribute('data-backend', backend);
      for (let i = 1; i <= 4; i += 1) {
        await w.locator('[data-action="step"]').click();
        await expect(w).toHaveAttribute('data-step', String(i), { timeout: 30_000 });
      }
      await expect.poll(() => column(page, 'loss', 1).then((l) => l.length)).toBe(5);
      // Every loss column: each run's, and with batchnorm each run's training- and evaluation-mode losses.
      const columns = (await page.locator('table[data-series="loss"] thead th').count()) - 1;
      losses[backend] = [];
      for (let c = 1; c <= columns; c += 1) losses[backend].push(...(await column(page, 'loss', c)));
      await close();
    }
    expect(losses['wasm']).toHaveLength(5 * (LOSS_COLUMNS[id] ?? 2));
    const [wasm, webgpu] = [losses['wasm']!, losses['webgpu']!];
    // a cell empty on one backend is empty on the other; every other pair agrees
    wasm.forEach((l, i) => (Number.isNaN(l) ? expect(webgpu[i]).toBeNaN() : expect(Math.abs(l - webgpu[i]!)).toBeLessThan(1e-4)));
    expect(wasm.filter((l) => !Number.isNaN(l)).length).toBeGreaterThanOrEqual(PARITY_VALUES[id] ?? 10);
  });
}

test('widget state round-trips through the URL', async ({ page }) => {
  await page.goto('en/overview/?backend=wasm&gradient-flow.depth=12&gradient-flow.activation=relu&gradient-flow.gain2=2#try-it');
  const w = widget(page, 'gradient-flow');
  await expect(w.locator('[data-param="depth"]')).toHaveValue('12');
  await expect(w.locator('[data-param="activation"]')).toHaveValue('relu');
  await w.locator('[data-param="activation"]').selectOption('tanh');
  await expect(page).toHaveURL(/gradient-flow\.depth=12/);
  await expect(page).toHaveURL(/gradient-flow\.activation=tanh/);
  await expect(page).toHaveURL(/gradient-flow\.gain2=2/);
  expect(new URL(page.url()).hash).toBe('#try-it');
  await page.reload();
  await expect(w.locator('[data-param="activation"]')).toHaveValue('tanh');
  await expect(w.locator('[data-param="depth"]')).toHaveValue('12');
  await expect(w.locator('.notice')).toHaveCount(0);
  // turning the comparison off disables run B's controls and leaves one run
  await w.scrollIntoViewIfNeeded();
  await w.locator('[data-param="compare"]').uncheck();
  await expect(page).toHaveURL(/gradient-flow\.compare=false/);
  await expect(w.locator('[data-param="activation2"]')).toBeDisabled();
  await expect(w.locator('[data-run][data-status]')).toHaveCount(1, { timeout: 30_000 });
});

test('junk in the URL gives notices, shortened, and a working widget', async ({ page, watch }) => {
  const long = 'z'.repeat(5000);
  await page.goto(`en/overview/?backend=quantum&seed=-1&gradient-flow.depth=999&gradient-flow.activation=banana&gradient-flow.colour=red&gradient-flow.gain=${long}`);
  const w = widget(page, 'gradient-flow');
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('.notice')).toHaveCount(6);
  await expect(w.locator('.notice').filter({ hasText: 'depth=999' })).toHaveCount(1);
  await expect(w.locator('.notice').filter({ hasText: 'backend=quantum' })).toHaveCount(1);
  await expect(w.locator('.notice').filter({ hasText: 'seed=-1' })).toHaveCount(1);
  for (const text of await w.locator('.notice').allTextContents()) expect(text.length).toBeLessThan(200);
  await expect(w.locator('[data-param="depth"]')).toHaveValue('20');
  await expect(w.locator('[data-param="activation"]')).toHaveValue('sigmoid');
  await expect.poll(() => stepOf(page, 'gradient-flow'), { timeout: 30_000 }).toBeGreaterThan(5);
  // 20 hidden layers and the output layer
  await expect.poll(() => page.locator('table[data-series="grad-norms"] tbody tr').count()).toBe(21);
  expect(watch.consoleErrors).toEqual([]);
});

test('an off-screen widget stops stepping and resumes on return', async ({ page }) => {
  await page.goto('en/overview/?backend=wasm');
  const w = widget(page, 'gradient-flow');
  await w.scrollIntoViewIfNeeded();
  await expect.poll(() => stepOf(page, 'gradient-flow'), { timeout: 30_000 }).toBeGreaterThan(3);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(w).toHaveAttribute('data-status', 'paused');
  // A round trip through the worker: its reply comes after the paused run's last frames,
  // and a paused widget draws them on the next animation frames.
  const roundTrip = () => page.evaluate(async () => {
    await (window as unknown as { __gradientClinic: { memory(): Promise<unknown> } }).__gradientClinic.memory();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  // Frames already on their way when it paused are drawn, however late on a busy machine; then none.
  let parked = -1;
  await expect.poll(async () => {
    const before = await stepOf(page, 'gradient-flow');
    await roundTrip();
    parked = await stepOf(page, 'gradient-flow');
    return parked === before;
  }).toBe(true);
  // Training would advance several steps over ten round trips (~30 steps/s here); paused, none.
  for (let i = 0; i < 10; i += 1) await roundTrip();
  expect(await stepOf(page, 'gradient-flow')).toBe(parked);
  await w.scrollIntoViewIfNeeded();
  await expect.poll(() => stepOf(page, 'gradient-flow'), { timeout: 10_000 }).toBeGreaterThan(parked);
});

test('training happens in the worker: the page itself never loads TensorFlow.js', async ({ page }) => {
  await page.goto('en/overview/?backend=wasm');
  const w = widget(page, 'gradient-flow');
  await w.scrollIntoViewIfNeeded();
  await expect.poll(() => stepOf(page, 'gradient-flow'), { timeout: 30_000 }).toBeGreaterThan(3);
  // tfjs-core keeps its engine on the global object of the thread that loads it.
  const hasEngine = () => typeof (globalThis as unknown as { _tfengine?: unknown })._tfengine === 'object';
  expect(await page.evaluate(hasEngine)).toBe(false);
  expect(page.workers()).toHaveLength(1);
  expect(await page.workers()[0]!.evaluate(hasEngine)).toBe(true);
  const wasm = (urls: string[]) => urls.filter((u) => u.endsWith('.wasm'));
  expect(wasm(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)))).toEqual([]);
  expect(wasm(await page.workers()[0]!.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)))).toHaveLength(1);
});

for (const id of PARITY_WIDGETS) {
  test(`${id}: after 10 resets the worker holds no more tensors than after the first`, async ({ browser, baseURL }) => {
    const { page, close } = await open(browser, baseURL, '', true);
    await page.goto(`en/${chapterOf(id)}/?backend=wasm`);
    const w = widget(page, id);
    await w.scrollIntoViewIfNeeded();
    const memory = () => page.evaluate(() => (window as unknown as { __gradientClinic: { memory(): Promise<{ numTensors: number }> } }).__gradientClinic.memory());
    const reset = async () => {
      await w.locator('[data-action="reset"]').click();
      await expect(w).toHaveAttribute('data-step', '0', { timeout: 30_000 });
      await expect(w).toHaveAttribute('data-status', 'paused');
    };
    await expect(w).toHaveAttribute('data-step', '0', { timeout: 30_000 });
    await reset();
    const first = (await memory()).numTensors;
    expect(first).toBeGreaterThan(0);
    for (let i = 0; i < 9; i += 1) {
      await w.locator('[data-action="step"]').click();
      await expect(w).toHaveAttribute('data-step', '1');
      await reset();
    }
    expect((await memory()).numTensors).toBe(first);
    await close();
  });
}

/** The act-std table's last hidden layer over its first, per run column (1 = run A, 2 = run B). */
async function spreadRatio(page: Page, col: number): Promise<number> {
  const sd = await column(page, 'act-std', col);
  return sd.at(-1)! / sd[0]!;
}

test('initialization at ReLU depth 20, from its tables: Xavier’s spread below 1e-2, He’s within [0.3, 3]; N(0, 1) above 1e2, N(0, 0.01²) below 1e-2', async ({ browser, baseURL }) => {
  for (const [query, check] of [
    ['', (a: number, b: number) => (expect(a).toBeLessThan(1e-2), expect(b).toBeGreaterThan(0.3), expect(b).toBeLessThan(3))],
    ['&initialization.init=normal&initialization.init2=small', (a: number, b: number) => (expect(a).toBeGreaterThan(1e2), expect(b).toBeLessThan(1e-2))],
  ] as const) {
    const { page, close } = await open(browser, baseURL, '', true);
    await page.goto(`en/initialization/?backend=wasm${query}`);
    const w = widget(page, 'initialization');
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-step', '0', { timeout: 30_000 });
    // 20 hidden layers, both runs
    await expect.poll(() => column(page, 'act-std', 2).then((n) => n.filter(Number.isFinite).length)).toBe(20);
    check(await spreadRatio(page, 1), await spreadRatio(page, 2));
    await close();
  }
});


test('residual at sigmoid depth 32, from its table: the plain run’s first / last hidden gradient below 1e-6, the residual run’s above 1e-2', async ({ browser, baseURL }) => {
  const { page, close } = await open(browser, baseURL, '', true);
  await page.goto('en/residual-connections/?backend=wasm');
  const w = widget(page, 'residual');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-step', '0', { timeout: 30_000 });
  // 32 hidden layers and the output layer, both runs
  await expect.poll(() => column(page, 'grad-norms', 2).then((n) => n.filter(Number.isFinite).length)).toBe(33);
  const r = async (col: number) => {
    const g = await column(page, 'grad-norms', col);
    return g[0]! / g.at(-2)!;
  };
  expect(await r(1)).toBeLessThan(1e-6);
  expect(await r(2)).toBeGreaterThan(1e-2);
  await close();
});

test('activation: the k slider is enabled only while a run uses leaky ReLU, the α slider only while one uses ELU', async ({ page }) => {
  await page.goto('en/activation-functions/?backend=wasm');
  const w = widget(page, 'activation');
  await w.scrollIntoViewIfNeeded();
  const [kind, kind2, compare, slope, alpha] = ['activation', 'activation2', 'compare', 'slope', 'alpha'].map((p) => w.locator(`[data-param="${p}"]`)) as [Locator, Locator, Locator, Locator, Locator];
  // defaults: A ReLU, B leaky ReLU
  await expect(kind2).toHaveValue('leaky-relu');
  await expect(slope).toBeEnabled();
  await expect(alpha).toBeDisabled();
  await kind.selectOption('elu');
  await expect(alpha).toBeEnabled();
  await expect(slope).toBeEnabled();
  // without run B, its leaky ReLU no longer counts
  await compare.uncheck();
  await expect(slope).toBeDisabled();
  await expect(alpha).toBeEnabled();
});

test('activation at its defaults, from its tables: ReLU units die as it trains (the dead share above 0 and above its step-0 value) while leaky ReLU has none', async ({ page }) => {
  await page.goto('en/activation-functions/?backend=wasm');
  const w = widget(page, 'activation');
  await w.scrollIntoViewIfNeeded();
  await expect.poll(() => column(page, 'dead-share', 0).then((steps) => steps.at(-1) ?? -1), { timeout: 60_000 }).toBeGreaterThanOrEqual(10);
  const [relu, leaky] = [await column(page, 'dead-share', 1), await column(page, 'dead-share', 2)];
  expect(relu.at(-1)!).toBeGreaterThan(0);
  expect(relu.at(-1)!).toBeGreaterThan(relu[0]! + 0.1);
  expect(leaky.length).toBeGreaterThan(10);
  for (const share of leaky) expect(share).toBe(0);
});

test('batchnorm at sigmoid depth 20, from its table: the plain run’s first / last hidden gradient below 1e-3, the BN run’s between 0.1 and 100', async ({ browser, baseURL }) => {
  const { page, close } = await open(browser, baseURL, '', true);
  await page.goto('en/batch-normalization/?backend=wasm');
  const w = widget(page, 'batchnorm');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-step', '0', { timeout: 30_000 });
  // 20 hidden layers and the output layer, both runs
  await expect.poll(() => column(page, 'grad-norms', 2).then((n) => n.filter(Number.isFinite).length)).toBe(21);
  const r = async (col: number) => {
    const g = await column(page, 'grad-norms', col);
    return g[0]! / g.at(-2)!;
  };
  expect(await r(1)).toBeLessThan(1e-3);
  expect(await r(2)).toBeGreaterThan(0.1);
  expect(await r(2)).toBeLessThan(100);
  await close();
});

test('lstm at its defaults, from its tables after the 1 000 steps: the LSTM learns the adding problem (accuracy above 80 %, first ÷ last above 1e-2) while the RNN stays at chance (below 12 %, first ÷ last median below 1e-4)', async ({ browser, baseURL }) => {
  // 1 000 steps of two recurrent nets at T = 50: the longest test of the suite (its chapter's claims, tested step by step in Node).
  test.setTimeout(600_000);
  const { page, close } = await open(browser, baseURL, '');
  await page.goto('en/lstm/?backend=wasm');
  const w = widget(page, 'lstm');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 580_000 });
  // each chart draws in a task of its own: wait until every table read here holds the last step
  for (const series of ['accuracy', 'ratio']) await expect.poll(() => column(page, series, 0).then((steps) => steps.at(-1))).toBe(999);
  const [rnnAcc, lstmAcc] = [await column(page, 'accuracy', 1), await column(page, 'accuracy', 2)];
  expect(lstmAcc.at(-1)!).toBeGreaterThan(0.8);
  expect(rnnAcc.at(-1)!).toBeLessThan(0.12);
  const steps = await column(page, 'ratio', 0);
  const late = (ratios: number[]) => ratios.filter((_, i) => steps[i]! >= 900).sort((a, b) => a - b);
  const [rnn, lstm] = [late(await column(page, 'ratio', 1)), late(await column(page, 'ratio', 2))];
  expect(rnn.length).toBeGreaterThan(5);
  expect(rnn[Math.floor(rnn.length / 2)]!).toBeLessThan(1e-4);
  expect(lstm[0]!).toBeGreaterThan(1e-2);
  await close();
});

test('regularization at its defaults, from its tables after the 3 000 steps: L2 ends with a smaller weight norm and a smaller held-out − training gap than no penalty; L1 ends with more weights near zero than L2', async ({ browser, baseURL }) => {
  // 3 000 steps of three runs (its chapter's claims, tested step by step in Node).
  test.setTimeout(600_000);
  const { page, close } = await open(browser, baseURL, '');
  await page.goto('en/weight-regularization/?backend=wasm');
  const w = widget(page, 'regularization');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 580_000 });
  // each chart draws in a task of its own: wait until every table read here holds the last step
  for (const series of ['loss', 'weight-norm', 'sparsity']) await expect.poll(() => column(page, series, 0).then((steps) => steps.at(-1))).toBe(2999);
  // loss columns: none train, none held out, l1 train, l1 held out, l2 train, l2 held out
  const loss = await Promise.all([1, 2, 3, 4, 5, 6].map((c) => column(page, 'loss', c)));
  const gap = (run: number) => {
    const [train, held] = [loss[2 * run]!, loss[2 * run + 1]!];
    const i = held.findLastIndex((v) => !Number.isNaN(v));
    return held[i]! - train[i]!;
  };
  const [none, , l2] = [0, 1, 2].map(gap) as [number, number, number];
  expect(l2).toBeLessThan(none);
  const [normNone, , normL2] = await Promise.all([1, 2, 3].map((c) => column(page, 'weight-norm', c).then((v) => v.at(-1)!)));
  expect(normL2!).toBeLessThan(normNone!);
  const [, sparseL1, sparseL2] = await Promise.all([1, 2, 3].map((c) => column(page, 'sparsity', c).then((v) => v.at(-1)!)));
  expect(sparseL1!).toBeGreaterThan(sparseL2!);
  expect(sparseL1!).toBeGreaterThan(0.5);
  await close();
});

test('pretraining at its defaults, from its tables after every phase: at the first step on the targets run A’s gradient is larger than run B’s in every layer; run B’s loss stays at the level of the mean (above 0.26) while run A’s ends below 0.01', async ({ browser, baseURL }) => {
  // 8 × 300 autoencoder steps, then 1 500 steps of both runs (its chapter's claims, tested step by step in Node).
  test.setTimeout(600_000);
  const { page, close } = await open(browser, baseURL, '', true);
  await page.goto('en/pretraining/?backend=wasm');
  const w = widget(page, 'pretraining');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-step', '0', { timeout: 30_000 });
  // run B waits for run A's fine-tuning, and says from which step
  await expect(runOf(page, 'pretraining', 'scratch')).toContainText('starts at step 2400');
  await w.locator('[data-action="play"]').click();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 580_000 });
  await expect.poll(() => column(page, 'loss', 0).then((steps) => steps.at(-1))).toBe(3899);
  // loss columns: A's reconstruction loss (autoencoder phases), A's and B's training loss (from step 2 400)
  const [steps, reconstruction, trainA, trainB] = await Promise.all([0, 1, 2, 3].map((c) => column(page, 'loss', c)));
  const firstOnTargets = steps.findIndex((s) => s >= 2400);
  expect(firstOnTargets).toBeGreaterThan(0);
  expect(reconstruction.slice(0, firstOnTargets).every(Number.isFinite)).toBe(true);
  expect(reconstruction.slice(firstOnTargets).every(Number.isNaN)).toBe(true);
  expect(trainB.slice(0, firstOnTargets).every(Number.isNaN)).toBe(true);
  expect(trainB.slice(firstOnTargets).every(Number.isFinite)).toBe(true);
  expect(Math.min(...trainB.slice(firstOnTargets))).toBeGreaterThan(0.26);
  expect(trainA.at(-1)!).toBeLessThan(0.01);
  // the bars: each layer's ‖∂L/∂W‖ at the first step on the targets, A above B in every layer (9: 8 hidden and the output)
  const [a, b] = [await column(page, 'grad-norms', 1), await column(page, 'grad-norms', 2)];
  expect(a).toHaveLength(9);
  a.forEach((g, i) => expect(g).toBeGreaterThan(b[i]!));
  await close();
});

/** Per remedy widget: values the URL sets, a control the test changes, junk and what replaces it. */
const URL_CASES = [
  {
    id: 'initialization', chapter: 'initialization', set: { init: 'orthogonal', activation: 'tanh' }, change: ['init2', 'torch-default'],
    junk: { init: 'banana', depth: '999' }, fallback: { init: 'xavier', depth: '30' },
  },
  {
    id: 'residual', chapter: 'residual-connections', set: { scale: 'one', activation: 'tanh' }, change: ['activation', 'relu'],
    junk: { net2: 'loop', depth: '3' }, fallback: { net2: 'residual', depth: '8' },
  },
  {
    id: 'activation', chapter: 'activation-functions', set: { activation: 'elu', activation2: 'gelu' }, change: ['activation2', 'silu'],
    junk: { activation: 'swish2', depth: '99' }, fallback: { activation: 'relu', depth: '20' },
  },
  {
    id: 'lstm', chapter: 'lstm', set: { cell: 'lstm', recurrentInit: 'gaussian' }, change: ['cell2', 'rnn'],
    junk: { cell: 'gru', length: '999' }, fallback: { cell: 'rnn', length: '100' },
  },
  {
    id: 'batchnorm', chapter: 'batch-normalization', set: { norm2: 'bn-after', activation: 'tanh' }, change: ['norm', 'bn-before'],
    junk: { norm2: 'layer', depth: '2' }, fallback: { norm2: 'bn-before', depth: '4' },
  },
  {
    id: 'regularization', chapter: 'weight-regularization', set: { optimizer: 'adam' }, change: ['l1Update', 'proximal'],
    junk: { optimizer: 'rmsprop', noise: '9' }, fallback: { optimizer: 'sgd', noise: '0.5' },
  },
  {
    id: 'pretraining', chapter: 'pretraining', set: { init: 'xavier', activation: 'tanh' }, change: ['init', 'he'],
    junk: { init: 'glorot', depth: '99' }, fallback: { init: 'normal', depth: '12' },
  },
] as const;

for (const c of URL_CASES) {
  test(`${c.id}: its state round-trips through the URL, and junk gives notices and the defaults`, async ({ page, watch }) => {
    const query = (values: Record<string, string>) => Object.entries(values).map(([k, v]) => `&${c.id}.${k}=${v}`).join('');
    await page.goto(`en/${c.chapter}/?backend=wasm${query(c.set)}`);
    const w = widget(page, c.id);
    await w.scrollIntoViewIfNeeded();
    for (const [k, v] of Object.entries(c.set)) await expect(w.locator(`[data-param="${k}"]`)).toHaveValue(v);
    const [key, value] = c.change;
    await w.locator(`[data-param="${key}"]`).selectOption(value);
    for (const [k, v] of Object.entries({ ...c.set, [key]: value })) await expect(page).toHaveURL(new RegExp(`${c.id}\\.${k}=${v}`));
    await page.reload();
    await w.scrollIntoViewIfNeeded();
    await expect(w.locator(`[data-param="${key}"]`)).toHaveValue(value);
    await expect(w.locator('.notice')).toHaveCount(0);

    await page.goto(`en/${c.chapter}/?backend=wasm${query(c.junk)}`);
    await w.scrollIntoViewIfNeeded();
    await expect(w.locator('.notice')).toHaveCount(Object.keys(c.junk).length);
    for (const [k, v] of Object.entries(c.fallback)) await expect(w.locator(`[data-param="${k}"]`)).toHaveValue(v);
    await expect.poll(() => stepOf(page, c.id), { timeout: 30_000 }).toBeGreaterThan(2);
    expect(watch.consoleErrors).toEqual([]);
  });
}
