"""Float64 reference for the vanishing-gradients chapter: why the widget's r at Xavier scale (depth 10) is about -7 where eq-decay gives about -5.7, and where a deep sigmoid net's backward factor reaches 1."""
# The network mirrors the `saturation` widget (src/engine/experiments/saturation.ts): two spirals
# (256 points, 1.5 turns, noise 0.04), `depth` sigmoid layers 32 wide whose weights (the first layer's
# too) are N(0, sigma_w^2), a linear output unit with Xavier-normal weights, zero biases, mean sigmoid
# cross-entropy. Data and weights are drawn here with numpy, so it checks the mechanism, not the
# widget's exact draws. Run: python3 scripts/reference/vanishing_reference.py
import numpy as np

WIDTH, N = 32, 256
XAVIER = np.sqrt(2 / (WIDTH + WIDTH))  # 0.177 for 32 -> 32
FLAT = 0.01 * 0.25  # "saturated": sigma'(z) below 1 % of its peak, as the widget counts it


def spirals(rng, n=N, turns=1.5, noise=0.04):
    label = np.arange(n) % 2
    t = rng.uniform(size=n)
    r = 0.1 + 0.9 * t
    angle = 2 * np.pi * turns * t + label * np.pi
    x = np.stack([r * np.cos(angle), r * np.sin(angle)], 1) + noise * rng.normal(size=(n, 2))
    return x, label.astype(float)


def sig(z):
    return 1 / (1 + np.exp(-z))


def step0(rng, depth, sigma_w):
    """One forward and backward pass; returns per-layer ||dL/dW|| (Frobenius), ||dL/dh||, z's,
    and for hidden layers the parts of log10 ||dL/dW_k||: ||delta_k||, rms input length, coherence."""
    x, y = spirals(rng)
    dims = [2] + [WIDTH] * depth
    Ws = [sigma_w * rng.normal(size=(i, o)) for i, o in zip(dims[:-1], dims[1:])]
    Ws.append(np.sqrt(2 / (WIDTH + 1)) * rng.normal(size=(WIDTH, 1)))
    hs, zs = [x], []
    for W in Ws[:-1]:
        zs.append(hs[-1] @ W)
        hs.append(sig(zs[-1]))
    logit = hs[-1] @ Ws[-1]
    delta = (sig(logit) - y[:, None]) / N  # dL/dlogit for the mean loss
    gW = [None] * len(Ws)
    gh = [None] * depth  # dL/dh_k for hidden layers k = 1..depth
    parts = [None] * depth
    norm = lambda a: np.sqrt((a * a).sum())
    gW[-1] = hs[-1].T @ delta
    g = delta @ Ws[-1].T
    for k in range(depth - 1, -1, -1):
        gh[k] = g
        d = g * sig(zs[k]) * (1 - sig(zs[k]))
        gW[k] = hs[k].T @ d
        # ||sum_n d_n h_n^T|| = ||d|| * rms||h|| * sqrt(N) * coherence (1 when every point pulls the same way)
        size = np.sqrt((hs[k] ** 2).sum(1).mean())
        parts[k] = np.log10([norm(d), size, norm(gW[k]) / (norm(d) * size * np.sqrt(N))])
        g = d @ Ws[k].T
    return [norm(a) for a in gW], [norm(a) for a in gh], zs, parts


def decay_at_xavier(seeds=range(20), depth=10):
    print(f"depth {depth}, sigma_w = Xavier = {XAVIER:.3f}, {len(seeds)} draws (medians; orders of magnitude = log10)")
    rows = []
    for s in seeds:
        gW, gh, zs, parts = step0(np.random.default_rng(s), depth, XAVIER)
        lg = np.log10(gW)
        rho = np.sqrt([WIDTH * XAVIER**2 * np.mean((sig(z) * (1 - sig(z))) ** 2) for z in zs[1:]])
        rows.append((lg[0] - lg[-1], (depth - 1) * np.log10(rho).mean(), lg[-1] - lg[-2],
                     (lg[-2] - lg[1]) / (depth - 2), lg[1] - lg[0], *(parts[1] - parts[0])))
    r, pred, out_step, mid_step, first_step, by_delta, by_size, by_coherence = np.median(rows, 0)
    lo, hi = np.min(rows, 0)[0], np.max(rows, 0)[0]
    print(f"  widget's r = log10 |dL/dW_1| / |dL/dW_out|      {r:+.2f} (draws: {lo:+.2f} to {hi:+.2f})")
    print(f"  eq-decay, (L-1) log10 rho with L = {depth}, rho from eq-layer-factor   {pred:+.2f}")
    print(f"  per step between hidden layers 2..{depth}:          {-mid_step:+.2f}")
    print(f"  step from the output layer to hidden layer {depth}:   {-out_step:+.2f}")
    print(f"  step from hidden layer 2 to hidden layer 1:      {-first_step:+.2f}")
    print(f"    of which the backward factor {-by_delta:+.2f}, the smaller input (raw 2-D point vs 32 sigmoid"
          f" outputs) {-by_size:+.2f}, cancellation over the batch {-by_coherence:+.2f}")


def balance_point(depth=20, seeds=range(8)):
    print(f"\ndepth {depth}: backward factor per layer (geometric mean of |dL/dh_(k-1)| / |dL/dh_k| over the"
          " hidden layers) and share of saturated entries, against sigma_w / Xavier")
    for c in [1, 2, 4, 6, 8, 10, 11, 12, 14, 17, 28]:
        f, sat = [], []
        for s in seeds:
            _, gh, zs, _ = step0(np.random.default_rng(s), depth, c * XAVIER)
            f.append((np.log10(gh[0]) - np.log10(gh[-1])) / (depth - 1))
            dz = [sig(z) * (1 - sig(z)) for z in zs[1:]]
            sat.append(np.mean([np.mean(d < FLAT) for d in dz]))
        print(f"  {c:5.1f} x Xavier (sigma_w = {c * XAVIER:4.2f}): factor {10 ** np.median(f):5.3f}, saturated {np.median(sat):5.1%}")
    # Mean-field: z ~ N(0, s^2) with s^2 = n sigma_w^2 E[sigma(z)^2] (its fixed point); rho^2 = n sigma_w^2 E[sigma'(z)^2].
    u = np.linspace(-12, 12, 4001)
    gauss = np.exp(-u**2 / 2) / np.sqrt(2 * np.pi)
    mean = lambda v: np.trapezoid(v * gauss, u)

    def field(c):
        s2 = 1.0
        for _ in range(100):
            s2 = c**2 * mean(sig(u * np.sqrt(s2)) ** 2)
        z = u * np.sqrt(s2)
        d = sig(z) * (1 - sig(z))
        return np.sqrt(c**2 * mean(d**2)), np.sqrt(s2), mean((d < FLAT).astype(float))

    lo, hi = 1.0, 30.0
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if field(mid)[0] < 1 else (lo, mid)
    _, s, sat = field(hi)
    print(f"  mean field: rho = 1 at {hi:.1f} x Xavier (z std {s:.1f}), saturated {sat:.0%}")

if __name__ == "__main__":
    decay_at_xavier()
    balance_point()
