#!/usr/bin/env python3
# lanczos_fit.py: the coefficients of MR_WARP_LANCZOS_P0..P2 in engine/kernels/warp_params.h:
# Lanczos-3, sinc(u) sinc(u/3), on each of [0, 1), [1, 2), [2, 3) as a polynomial of degree 8
# in t = u - k (near-minimax: Chebyshev, mpmath.chebyfit), coefficients with 30 fractional
# bits, highest degree first. Prints the macros and the largest error of the integer
# evaluation (warp_params.h's Horner scheme on 14-bit t) against the formula.
import mpmath as mp

mp.mp.dps = 40
DEG, FRAC = 8, 30


def lanczos(u):
    return mp.mpf(1) if u == 0 else 3 * mp.sin(mp.pi * u) * mp.sin(mp.pi * u / 3) / (mp.pi * u) ** 2


def horner(coef, r):  # as mr_warp_lanczos does it: acc = (acc * r >> 14) + c, then to 14 bits
    acc = 0
    for c in coef:
        acc = ((acc * r) >> 14) + c
    return (acc + (1 << 15)) >> 16


pieces = []
for k in range(3):
    poly = mp.chebyfit(lambda t: lanczos(k + t), [0, 1], DEG + 1)
    pieces.append([int(mp.nint(c * 2 ** FRAC)) for c in poly])
worst = 0
for k, coef in enumerate(pieces):
    print("#define MR_WARP_LANCZOS_P%d %s" % (k, ", ".join("%dLL" % c for c in coef)))
    for r in range(0, 16384, 7):
        worst = max(worst, abs(horner(coef, r) / 16384 - float(lanczos(k + mp.mpf(r) / 16384))))
print("/* largest error %.2e; at 0, 1, 2: %d %d %d */" % (worst, horner(pieces[0], 0), horner(pieces[1], 0),
                                                          horner(pieces[2], 0)))
