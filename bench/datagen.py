#!/usr/bin/env python3
"""Generates realistic table-like CSV data for the benchmarks (business rows: orders).

  datagen.py csv OUT SIZE_MIB [SEED]           one CSV of about SIZE_MIB MiB
  datagen.py versions OUTDIR SIZE_MIB N PCT    N versions, each changing PCT % of rows at
                                               scattered places (v01.csv … vNN.csv)
"""
import os
import random
import sys

REGIONS = ["north", "south", "east", "west", "central", "export"]
STATUS = ["open", "shipped", "invoiced", "paid", "cancelled", "returned"]
PRODUCTS = [f"SKU-{i:05d}" for i in range(5000)]
CUSTOMERS = [f"C{i:06d}" for i in range(50000)]
HEADER = b"order_id,date,customer,product,region,quantity,unit_price,amount,status,warehouse\n"


def row(rng, i):
    q = rng.randint(1, 500)
    price = rng.randint(100, 99999) / 100
    return (f"{i},2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},{rng.choice(CUSTOMERS)},"
            f"{rng.choice(PRODUCTS)},{rng.choice(REGIONS)},{q},{price:.2f},{q * price:.2f},"
            f"{rng.choice(STATUS)},WH{rng.randint(1, 40):02d}\n").encode()


def rows_for(size_mib, seed):
    rng = random.Random(seed)
    target = size_mib << 20
    rows, total, i = [], len(HEADER), 1
    while total < target:
        r = row(rng, i)
        rows.append(r)
        total += len(r)
        i += 1
    return rows


def write(path, rows):
    with open(path, "wb") as f:
        f.write(HEADER)
        for k in range(0, len(rows), 65536):
            f.write(b"".join(rows[k:k + 65536]))


def main():
    cmd = sys.argv[1]
    if cmd == "csv":
        out, size = sys.argv[2], int(sys.argv[3])
        seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
        write(out, rows_for(size, seed))
    elif cmd == "versions":
        outdir, size, n, pct = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
        os.makedirs(outdir, exist_ok=True)
        rows = rows_for(size, 7)
        rng = random.Random(99)
        for v in range(1, n + 1):
            if v > 1:
                for idx in rng.sample(range(len(rows)), int(len(rows) * pct / 100)):
                    rows[idx] = row(rng, idx + 1)
            write(os.path.join(outdir, f"v{v:02d}.csv"), rows)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
