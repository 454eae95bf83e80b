/**
 * The recurrent cells' elementwise arithmetic as loops over Float32Arrays, for the sequence
 * kernels (recurrent-sequence.ts). Every σ and tanh is the backend's own sigmoid kernel,
 * vectorised on wasm (tanh x = 2σ(2x) − 1; Math.exp in a JS loop cost ~35 ns an entry): the
 * product that makes p_t already doubles the columns that want a tanh, and the kernel keeps the
 * sigmoids' outputs as they are. So the backward step is arithmetic only.
 *
 * Layouts: rows of n samples; the LSTM's gate blocks i, f, g, o (PyTorch's order) of H each, with
 * σ(2p_g) in g's place (g = 2σ − 1), and σ(2c′) for tanh c′; the RNN keeps σ(2p) (tanh p = 2σ − 1).
 */

/** LSTM, from the gates' σ: c′ = f⊙c + i⊙g + q_c (c null: c_0 = 0), and 2c′ for the sigmoid that gives tanh c′. */
export function lstmCellState(sig: Float32Array, c: Float32Array | null, qc: Float32Array, n: number, H: number, cNew: Float32Array, twiceC: Float32Array): void {
  for (let r = 0; r < n; r++) {
    const row = r * 4 * H;
    for (let j = 0; j < H; j++) {
      const e = r * H + j;
      const cv = (c ? sig[row + H + j]! * c[e]! : 0) + sig[row + j]! * (2 * sig[row + 2 * H + j]! - 1) + qc[e]!;
      cNew[e] = cv;
      twiceC[e] = 2 * cv;
    }
  }
}

/** LSTM, from the gates' σ and σ(2c′): h = o⊙tanh c′ + q_h (tanh c′ = 2σ(2c′) − 1). */
export function lstmCellOutput(sig: Float32Array, sigTwiceC: Float32Array, qh: Float32Array, n: number, H: number, h: Float32Array): void {
  for (let r = 0; r < n; r++) {
    const o = r * 4 * H + 3 * H;
    for (let j = 0; j < H; j++) {
      const e = r * H + j;
      h[e] = sig[o + j]! * (2 * sigTwiceC[e]! - 1) + qh[e]!;
    }
  }
}

/** RNN, from σ(2p): h = tanh p + q_h. */
export function rnnCellOutput(sig: Float32Array, qh: Float32Array, h: Float32Array): void {
  for (let e = 0; e < sig.length; e++) h[e] = 2 * sig[e]! - 1 + qh[e]!;
}

/**
 * LSTM backward step: from ∂L/∂h_t and ∂L/∂c_t (through the later steps), the step's gates σ and
 * σ(2c_t), and c_{t−1} (null: c_0 = 0): ∂L/∂p_t, ∂L/∂q_c,t (= ∂L/∂c_t in full, through h_t too),
 * and ∂L/∂c_{t−1} written over dc. ∂L/∂q_h,t is ∂L/∂h_t.
 */
export function lstmCellBackward(dh: Float32Array, dc: Float32Array, sig: Float32Array, sigTwiceC: Float32Array, c: Float32Array | null, n: number, H: number, dp: Float32Array, dqc: Float32Array): void {
  for (let r = 0; r < n; r++) {
    const row = r * 4 * H;
    for (let j = 0; j < H; j++) {
      const e = r * H + j;
      const i = sig[row + j]!;
      const f = sig[row + H + j]!;
      const g = 2 * sig[row + 2 * H + j]! - 1;
      const o = sig[row + 3 * H + j]!;
      const tc = 2 * sigTwiceC[e]! - 1;
      const dhe = dh[e]!;
      const dcv = dc[e]! + dhe * o * (1 - tc * tc);
      dp[row + j] = dcv * g * i * (1 - i);
      dp[row + H + j] = c ? dcv * c[e]! * f * (1 - f) : 0;
      dp[row + 2 * H + j] = dcv * i * (1 - g * g);
      dp[row + 3 * H + j] = dhe * tc * o * (1 - o);
      dqc[e] = dcv;
      dc[e] = dcv * f;
    }
  }
}

/** RNN backward step: ∂L/∂p_t = ∂L/∂h_t ⊙ (1 − tanh² p_t), from σ(2p_t). */
export function rnnCellBackward(dh: Float32Array, sig: Float32Array, dp: Float32Array): void {
  for (let e = 0; e < dp.length; e++) {
    const a = 2 * sig[e]! - 1;
    dp[e] = dh[e]! * (1 - a * a);
  }
}
