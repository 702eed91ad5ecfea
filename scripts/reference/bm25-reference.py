"""BM25 scores from the Python reference bm25s (method "lucene", k1 = 1.2, b = 0.75) for the corpus and queries in
lib/kb/keyword/bm25-reference.json, written back into it as "expected". Run once when the fixture changes:
  python3 -m venv /tmp/bm25 && /tmp/bm25/bin/pip install bm25s==0.3.16 numpy scipy
  /tmp/bm25/bin/python scripts/reference/bm25-reference.py
The words are ours (wordsOf, saved in the fixture by bm25.test.ts's companion), so only the formula is compared."""
import json
import pathlib

import bm25s

path = pathlib.Path(__file__).resolve().parents[2] / "lib" / "kb" / "keyword" / "bm25-reference.json"
fixture = json.loads(path.read_text())
retriever = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
retriever.index(fixture["corpus"], show_progress=False)
fixture["expected"] = [[float(s) for s in retriever.get_scores(query)] for query in fixture["queries"]]
fixture["reference"] = f"bm25s {bm25s.__version__}, method lucene, k1 1.2, b 0.75"
path.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n")
print(f"wrote {len(fixture['expected'])} queries x {len(fixture['corpus'])} documents")
