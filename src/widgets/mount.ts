/** Loaded when a widget nears the viewport: finds its module and view, then binds it to its markup. */
import { mountWidget } from '../runtime/widget-dom';
import { getWidget } from './registry';

export async function mount(root: HTMLElement): Promise<void> {
  const id = root.dataset['widget']!;
  const module = getWidget(id);
  if (!module?.view) throw new Error(`widget "${id}" has no view`);
  const { view } = await module.view();
  mountWidget(root, module, view);
}
