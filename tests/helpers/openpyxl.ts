import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * openpyxl is an independent reader: if it opens the file without a warning and sees the values and
 * formats, Excel and LibreOffice are very likely to as well. CI installs Debian's python3-openpyxl.
 */
const OPENPYXL_DUMP = String.raw`
import datetime, json, sys, warnings
warnings.simplefilter("error")
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
def plain(v):
    return v.isoformat() if isinstance(v, (datetime.datetime, datetime.date, datetime.time)) else v
out = {"sheets": wb.sheetnames, "data": {}}
for ws in wb.worksheets:
    out["data"][ws.title] = {
        "cells": [[{"v": plain(c.value), "fmt": c.number_format, "bold": bool(c.font.b)} for c in row] for row in ws.iter_rows()],
        "freeze": ws.freeze_panes,
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
    }
print(json.dumps(out, ensure_ascii=False))
`;

export interface OpenpyxlCell {
  v: string | number | null;
  fmt: string;
  bold: boolean;
}
export interface OpenpyxlView {
  sheets: string[];
  data: Record<string, { cells: OpenpyxlCell[][]; freeze: string | null; widths: Record<string, number> }>;
}

function python(): string {
  const candidates = [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p);
  const found = candidates.find((py) => spawnSync(py, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0);
  if (!found) {
    throw new Error(
      "openpyxl is needed to check the XLSX writer with an independent reader: install Debian's package " +
        '(sudo apt-get install python3-openpyxl; npm test does it when run as root) or set PYTHON to a python3 that has openpyxl. ' +
        `Tried: ${candidates.join(', ')}`,
    );
  }
  return found;
}

export function openWithOpenpyxl(bytes: Uint8Array): OpenpyxlView {
  const dir = mkdtempSync(join(tmpdir(), 'voronka-xlsx-'));
  try {
    const file = join(dir, 'report.xlsx');
    writeFileSync(file, bytes);
    const res = spawnSync(python(), ['-c', OPENPYXL_DUMP, file], { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`openpyxl could not read the workbook:\n${res.stderr}`);
    return JSON.parse(res.stdout) as OpenpyxlView;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
