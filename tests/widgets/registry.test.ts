/** Broken widget modules stop the build with a message naming the widget (fixtures), and the real registry is whole. */
import { expect, test } from 'vitest';
import { gradientFlowSpec } from '../../src/engine/experiments/gradient-flow.spec';
import { experiments } from '../../src/engine/experiments/index';
import { WIDGET_IDS, widgets } from '../../src/widgets/registry';
import type { WidgetModule } from '../../src/widgets/types';
import { assertWidgets, widgetProblems } from '../../src/widgets/validate';

const whole: WidgetModule = {
  spec: gradientFlowSpec,
  layout: [['bars']],
  strings: { en: { title: 'Title', axis: { x: 'Step' } }, zh: { title: '标题', axis: { x: '步' } } },
  view: async () => ({ view: () => ({ reset() {}, draw: () => false }) }),
};

test('a whole module has no problems', () => {
  expect(widgetProblems('gradient-flow', whole)).toEqual([]);
});

test('a module without its view fails, naming the widget', () => {
  const { view: _, ...noView } = whole;
  expect(() => assertWidgets({ 'gradient-flow': noView })).toThrow('widget "gradient-flow": it has no view');
});

test('a module without a language’s strings, or with a key missing, fails naming widget, language and key', () => {
  expect(widgetProblems('gradient-flow', { ...whole, strings: { en: whole.strings.en } as never })).toEqual(['widget "gradient-flow": it has no zh strings']);
  expect(widgetProblems('gradient-flow', { ...whole, strings: { en: whole.strings.en, zh: { title: '标题', axis: {} } } })).toEqual(['widget "gradient-flow": its zh strings lack "axis.x"']);
  expect(widgetProblems('gradient-flow', { ...whole, strings: { en: whole.strings.en, zh: { title: '', axis: { x: '步' } } } })).toEqual(['widget "gradient-flow": its zh strings lack "title"']);
});

test('a module registered under another id than its experiment’s fails', () => {
  expect(widgetProblems('saturation', whole)).toEqual(['widget "saturation": its experiment is "gradient-flow"']);
});

test('every registered widget has a runnable experiment and a view that loads', async () => {
  expect(WIDGET_IDS.length).toBeGreaterThanOrEqual(3);
  for (const id of WIDGET_IDS) {
    expect(Object.keys(experiments)).toContain(id);
    expect(typeof widgets[id].view).toBe('function');
  }
});
