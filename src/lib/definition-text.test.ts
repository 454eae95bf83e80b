import { describe, expect, it } from 'vitest';
import { definitionParts } from './definition-text';

const show = (text: string) => definitionParts(text).map((p) => (p.kind === 'text' ? p.value : `<${p.kind}>${p.value}</${p.kind}>`)).join('');

describe('definitions: inline subscripts and superscripts', () => {
  it('reads braced groups, letter and digit runs, and parenthesised superscripts', () => {
    expect(show('h_{l+1} = h_l + F(h_l)')).toBe('h<sub>l+1</sub> = h<sub>l</sub> + F(h<sub>l</sub>)');
    expect(show('σ(z) = 1/(1 + e^(−z))')).toBe('σ(z) = 1/(1 + e<sup>−z</sup>)');
    expect(show('Var(W) = 2/(n_in + n_out), 3.4 × 10^38, √(Σ_j ‖g_j‖²)')).toBe('Var(W) = 2/(n<sub>in</sub> + n<sub>out</sub>), 3.4 × 10<sup>38</sup>, √(Σ<sub>j</sub> ‖g<sub>j</sub>‖²)');
  });

  it('leaves text without scripts whole, and does not take a parenthesis after a subscript', () => {
    expect(definitionParts('梯度是逐层因子的连乘积')).toEqual([{ kind: 'text', value: '梯度是逐层因子的连乘积' }]);
    expect(show('diag(φ′(z_k)) W_k')).toBe('diag(φ′(z<sub>k</sub>)) W<sub>k</sub>');
  });
});
