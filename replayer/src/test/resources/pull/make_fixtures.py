"""Writes the DefiLlama-shaped fixtures of the pull tests (see README.md in this folder).

Run from anywhere: python3 make_fixtures.py (Python 3.9+). The output depends on nothing but this script.
Shapes follow DefiLlama/docs api.md (/protocols, /protocol/{slug}); values are chosen so the week networks can be
computed by hand.
"""
import json, datetime, os
OUT = os.path.dirname(os.path.abspath(__file__))
def ts(y,m,d,h=0,mi=0):
    return int(datetime.datetime(y,m,d,h,mi,tzinfo=datetime.timezone.utc).timestamp())
T1 = ts(2025,8,25); T2 = ts(2025,9,1)
DAY = 86400
# daily points 2025-08-10 .. 2025-09-03, plus a late intraday point on each week day (T+6h) that must not be picked
def days(start, end):
    t = start
    while t <= end:
        yield t
        t += DAY
START = ts(2025,8,10); END = ts(2025,9,3)

def series(at1, at2, decoy, start=START, end=END, tokens=True):
    """at1/at2: values (dict of tokens or number) at T1/T2; decoy(t): value on every other point."""
    pts = []
    for t in days(start, end):
        v = at1 if t == T1 else at2 if t == T2 else decoy(t)
        pts.append(v and (t, v))
        if t in (T1, T2):
            pts.append((t + 6*3600, decoy(t + 6*3600)))  # later the same day: outside the 1 h slack
    out = []
    for p in pts:
        if not p: continue
        t, v = p
        if tokens:
            out.append({"date": t, "tokens": v})
        else:
            out.append({"date": t, "totalLiquidityUSD": v})
    return out

def scaled(d, k):
    return {s: round(v*k, 2) for s, v in d.items()}

def chain(at1, at2, start=START, end=END, with_tvl=True, with_tokens=True):
    c = {}
    if with_tvl:
        s1 = sum(at1.values()) if isinstance(at1, dict) else at1
        s2 = sum(at2.values()) if isinstance(at2, dict) else at2
        c["tvl"] = series(s1, s2, lambda t: round(s1 * 1.5 + (t % 1000), 2), start, end, tokens=False)
    if with_tokens:
        c["tokensInUsd"] = series(at1, at2, lambda t: scaled(at1, 1.5), start, end)
        # amounts: present in the real API, ignored by the pull
        c["tokens"] = series(scaled(at1, 0.001), scaled(at2, 0.001), lambda t: scaled(at1, 0.0015), start, end)
    return c

EXTRA = ("staking", "pool2", "offers", "borrowed", "treasury", "vesting", "masterchef")

def plain(key):
    """A chain-TVL key by DefiLlama's rule: no dash, not an extra section (real-data.md section 5)."""
    return "-" not in key and key.lower() not in EXTRA

def protocol(id_, name, chains, **flags):
    """/protocol/{slug} as the server answers it: chainTvls per key (plain chains, <Chain>-<extra>, bare extras),
    the top-level tvl/tokensInUsd/tokens as the sum of the plain chains' series, currentChainTvls the latest
    value of every key. A misrepresentedTokens protocol has empty token histories, as on the server."""
    plain_keys = [k for k in chains if plain(k)]
    top = {"tvl": [], "tokensInUsd": [], "tokens": []}
    for field in top:
        points = {}
        for k in plain_keys:
            for pt in chains[k].get(field, []):
                if field == "tvl":
                    points[pt["date"]] = round(points.get(pt["date"], 0) + pt["totalLiquidityUSD"], 2)
                else:
                    acc = points.setdefault(pt["date"], {})
                    for sym, v in pt["tokens"].items():
                        acc[sym] = round(acc.get(sym, 0) + v, 6)
        top[field] = [{"date": t, "totalLiquidityUSD": v} if field == "tvl" else {"date": t, "tokens": v}
                      for t, v in sorted(points.items())]
    current = {k: (c["tvl"][-1]["totalLiquidityUSD"] if c.get("tvl") else 0) for k, c in chains.items()}
    p = {"id": id_, "name": name, "url": "https://example.invalid/" + name.lower(), "description": "fixture",
         "logo": None, "gecko_id": None, "cmcId": None, "chains": plain_keys,
         "chainTvls": chains, "tvl": top["tvl"], "tokensInUsd": top["tokensInUsd"], "tokens": top["tokens"],
         "currentChainTvls": current, "raises": [], "hallmarks": []}
    p.update(flags)
    if flags.get("misrepresentedTokens"):
        p["tokensInUsd"], p["tokens"] = [], []
        for c in chains.values():
            c["tokensInUsd"], c["tokens"] = [], []
    return p

hist = {}
hist["lendo"] = protocol("100", "Lendo", {
    "Ethereum": chain({"USDT": 1000, "WETH": 500, "STTKN": 300}, {"USDT": 1100, "WETH": 500, "STTKN": 300}),
    "Arbitrum": chain({"USDT": 200, "LND": 50}, {"USDT": 200, "LND": 50}),
    "Ethereum-borrowed": chain({"USDT": 400}, {"USDT": 400}),
    "Arbitrum-borrowed": chain({"USDT": 40}, {"USDT": 40}),
    "borrowed": chain({"USDT": 440}, {"USDT": 440}),
    "Ethereum-staking": chain({"LND": 999}, {"LND": 999}),
    "staking": chain({"LND": 999}, {"LND": 999}),
})
hist["stako"] = protocol("200", "Stako", {
    "Ethereum": chain({"WETH": 4000}, {"WETH": 4200}),
    "Ethereum-pool2": chain({"STTKN-WETH": 77}, {"STTKN-WETH": 77}),
    "pool2": chain({"STTKN-WETH": 77}, {"STTKN-WETH": 77}),
})
vaulty_eth = {"LND": 100, "STTKN": 700, "USDC-WETH-LP": 250, "CRV-GAUGE": 80, "USDC": -30}
vaulty_poly = {"UNKNOWN (ethereum:0x1111111111111111111111111111111111111111)": 20, "coingecko:stako": 10}
hist["vaulty"] = protocol("300", "Vaulty", {
    "Ethereum": chain(vaulty_eth, vaulty_eth),
    "Polygon": chain(vaulty_poly, vaulty_poly),
    "Polygon-treasury": chain({"VLT": 5000}, {"VLT": 5000}),
    "Ethereum-vesting": chain({"VLT": 9000}, {"VLT": 9000}),
    # a treasury adapter's own tokens: a dash, so never chain TVL (an "any Chain-<suffix> not on a list" rule took it)
    "Ethereum-OwnTokens": chain({"VLT": 3000}, {"VLT": 3000}),
}, doublecounted=True)
hist["bridgy"] = protocol("400", "Bridgy", {
    "Ethereum": chain(5000, 5000, with_tokens=False),
}, misrepresentedTokens=True)
hist["tiny"] = protocol("500", "Tiny", {"Ethereum": chain(700, 800, with_tokens=False)})
hist["oldie"] = protocol("600", "Oldie", {"Ethereum": chain({"USDT": 10}, {"USDT": 10}, end=T1 - 10*DAY)})
hist["later"] = protocol("700", "Later", {"Ethereum": chain({"USDT": 10}, {"USDT": 10}, start=T2 + 2*DAY)})

listing = [
    {"id": "100", "name": "Lendo", "slug": "lendo", "symbol": "LND", "address": "0x1111111111111111111111111111111111111111",
     "gecko_id": "lendo", "category": "Lending", "chains": ["Ethereum", "Arbitrum"], "tvl": 2100.5},
    {"id": "200", "name": "Stako", "slug": "stako", "symbol": "stTKN", "address": "ethereum:0x2222222222222222222222222222222222222222",
     "gecko_id": "stako", "category": "Liquid Staking", "chains": ["Ethereum"], "tvl": 4100,
     "parentProtocol": "parent#stako-group"},
    {"id": "300", "name": "Vaulty", "slug": "vaulty", "symbol": "-", "address": None, "gecko_id": None,
     "category": "Yield", "chains": ["Ethereum", "Polygon"], "tvl": 1200, "doublecounted": True},
    {"id": "400", "name": "Bridgy", "slug": "bridgy", "symbol": "BRG", "address": "bsc:0x4444444444444444444444444444444444444444",
     "gecko_id": None, "category": "Bridge", "chains": ["Ethereum"], "tvl": 5000, "misrepresentedTokens": True},
    {"id": "500", "name": "Tiny", "slug": "tiny", "symbol": "-", "address": None, "gecko_id": None,
     "category": "Dexes", "chains": ["Ethereum"], "tvl": 700},
    {"id": "600", "name": "Oldie", "slug": "oldie", "symbol": "OLD", "address": None, "gecko_id": None,
     "category": "Dexes", "chains": ["Ethereum"], "tvl": 0},
    {"id": "700", "name": "Later", "slug": "later", "symbol": "LTR", "address": None, "gecko_id": None,
     "category": "Dexes", "chains": ["Ethereum"], "tvl": 10},
    {"id": "800", "name": "Gone", "slug": "gone", "symbol": "-", "address": None, "gecko_id": None,
     "category": "Dexes", "chains": ["Ethereum"], "tvl": 1},
]
for p in listing:
    # the rest of a real /protocols entry (docs: DefiLlama/docs api.md), not read by the pull
    p.update({"url": "https://example.invalid", "description": "fixture", "chain": "Multi-Chain", "logo": None,
              "audits": "0", "audit_note": None, "cmcId": None, "module": p["slug"] + "/index.js", "twitter": None,
              # per-chain values that add up to the total, as the server's are
              "chainTvls": {c: round(p["tvl"] / len(p["chains"]), 4) for c in p["chains"]},
              "change_1h": 0.1, "change_1d": -0.2, "change_7d": 1.5})
os.makedirs(OUT, exist_ok=True)
with open(f"{OUT}/protocols.json", "w") as f:
    json.dump(listing, f, indent=1)
for slug, h in hist.items():
    with open(f"{OUT}/protocol-{slug}.json", "w") as f:
        json.dump(h, f, separators=(",", ":"))
