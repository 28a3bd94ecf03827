// A project file's tables must be exactly those the library's migrations make: a view in a table's place, an extra
// (generated) column or a table that is not STRICT is a hand-made file, refused by name rather than failing later.
import Database from 'better-sqlite3';
import { migrate } from '../../store/migrations.ts';

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  /** 0 ordinary, 2 or 3 generated (virtual, stored) */
  hidden: number;
}

interface Shape {
  /** type of each schema object by name: table, view, index, trigger */
  objects: Map<string, string>;
  strict: Map<string, number>;
  columns: Map<string, Column[]>;
}

function shapeOf(db: Database.Database): Shape {
  const objects = new Map(
    db.prepare<[], { name: string; type: string }>("SELECT name, type FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").all().map((o) => [o.name, o.type]),
  );
  const tables = [...objects].filter(([, type]) => type === 'table').map(([name]) => name);
  const strict = new Map(tables.map((name) => [name, db.prepare<[string], { strict: number }>('SELECT strict FROM pragma_table_list(?)').get(name)?.strict ?? 0]));
  const columns = new Map(tables.map((name) => [name, db.prepare<[string], Column>('SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?)').all(name)]));
  return { objects, strict, columns };
}

let expected: Shape | undefined;

/** What an empty library at the current schema holds, made once. */
function expectedShape(): Shape {
  if (!expected) {
    const db = new Database(':memory:');
    migrate(db);
    expected = shapeOf(db);
    db.close();
  }
  return expected;
}

/** The first way the file's schema differs from the current library's, in words; null when it is the same. */
export function schemaDifference(db: Database.Database): string | null {
  const want = expectedShape();
  const have = shapeOf(db);
  for (const [name, type] of have.objects) {
    if (type === 'view' || type === 'trigger') {
      return want.objects.has(name) ? `${name} is a ${type}, not a ${want.objects.get(name)}` : `it holds a ${type} (${name}), which project files never do`;
    }
  }
  for (const [table, columns] of want.columns) {
    if (have.objects.get(table) !== 'table') return `it has no ${table} table`;
    if (have.strict.get(table) !== want.strict.get(table)) return `its ${table} table is not STRICT`;
    const found = have.columns.get(table)!;
    const extra = found.find((c) => !columns.some((w) => w.name === c.name));
    if (extra) return `its ${table} table has a column ${extra.name} that project files do not have`;
    for (const column of columns) {
      const other = found.find((c) => c.name === column.name);
      if (!other) return `its ${table} table has no ${column.name} column`;
      if (JSON.stringify(other) !== JSON.stringify(column)) return `the ${column.name} column of its ${table} table is not what project files have`;
    }
  }
  return null;
}
