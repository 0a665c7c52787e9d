"""Independent computation of the expected values used in IndicatorFixturesTest and
CorrelationFixturesTest. Run: python3 fixtures.py  (numpy + scipy). It shares no code with the
Java implementation: NPS and scores are computed from the raw answer lists, correlations with
scipy.stats."""
import math
import numpy as np
from scipy import stats

def side(answers):
    """answers: list of (recommend, {dimension: rating})"""
    n = len(answers)
    rec = np.array([a[0] for a in answers])
    p = np.mean(rec >= 9); d = np.mean(rec <= 6)
    nps = (p - d) * 100
    moe = 1.96 * math.sqrt((p + d - (p - d) ** 2) / n) * 100
    dims = {}
    for dim in sorted({k for a in answers for k in a[1]}):
        r = [a[1][dim] for a in answers if dim in a[1]]
        dims[dim] = (len(r), (np.mean(r) - 1) / 4 * 100)
    ai = np.mean([s for _, s in dims.values()]) if dims else None
    return n, nps, moe, dims, ai

def show(name, answers):
    n, nps, moe, dims, ai = side(answers)
    print(f"{name}: n={n} nps={nps!r} moe95={moe!r} attentionIndex={ai!r}")
    for k, (c, s) in dims.items():
        print(f"    {k}: n={c} score={s!r}")
    return dims

# Mixed realistic case: a store's month, 12 customers and 7 employees.
customer = [
    (10, {"listening": 5, "ownership": 4, "information": 5}),
    (9,  {"listening": 4, "ownership": 4}),
    (8,  {"listening": 4, "information": 3, "recognition": 4}),
    (7,  {"listening": 3}),
    (6,  {"listening": 2, "ownership": 2, "information": 3}),
    (10, {"listening": 5, "recognition": 5}),
    (3,  {"listening": 1, "ownership": 1, "information": 2, "recognition": 1}),
    (9,  {}),
    (0,  {"ownership": 1}),
    (10, {"listening": 5, "ownership": 5, "information": 4, "recognition": 5}),
    (5,  {"listening": 3, "ownership": 2}),
    (9,  {"listening": 4, "information": 4}),
]
employee = [
    (9, {"listening": 3, "ownership": 2, "information": 3, "recognition": 2, "cooperation": 3}),
    (6, {"listening": 2, "ownership": 3, "information": 2, "recognition": 1}),
    (7, {"listening": 4, "ownership": 3, "information": 3, "recognition": 2, "cooperation": 4}),
    (10, {"listening": 5, "ownership": 4, "information": 4, "recognition": 3}),
    (4, {"listening": 1, "ownership": 2, "information": 2, "recognition": 1, "cooperation": 2}),
    (8, {"listening": 3, "ownership": 3}),
    (2, {"listening": 2, "ownership": 1, "information": 1, "recognition": 1}),
]
cd = show("mixed customer", customer)
ed = show("mixed employee", employee)
gaps = {k: ed[k][1] - cd[k][1] for k in cd if k in ed}
print("mixed gaps:", gaps)
print("mixed symmetry:", 100 - np.mean([abs(g) for g in gaps.values()]))

show("single answer", [(9, {"listening": 4})])
show("all promoters", [(9, {"listening": 5}), (10, {"listening": 5}), (10, {}), (9, {"listening": 4})])
show("all detractors", [(0, {"ownership": 1}), (6, {"ownership": 2}), (3, {})])
show("no ratings", [(8, {}), (7, {})])

# Correlation fixtures.
def corr(name, x, y):
    x = np.array(x, float); y = np.array(y, float)
    r = stats.pearsonr(x, y)[0]
    rho = stats.spearmanr(x, y)[0]
    n = len(x)
    z = np.arctanh(r); se = 1 / math.sqrt(n - 3)
    lo, hi = np.tanh(z - 1.96 * se), np.tanh(z + 1.96 * se)
    print(f"{name}: n={n} pearson={r!r} spearman={rho!r} fisher95=[{lo!r}, {hi!r}]")

corr("eight units", [62.5, 70.0, 55.0, 80.0, 66.0, 71.5, 58.0, 75.0],
                    [71.0, 74.5, 60.0, 85.0, 73.0, 70.0, 65.5, 79.0])
corr("ties", [1, 2, 2, 3, 4, 4, 4, 5], [2, 1, 3, 3, 5, 4, 6, 6])
corr("four units", [10, 20, 30, 40], [12, 18, 35, 33])
