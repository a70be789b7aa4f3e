/**
 * Turns the raw KPI definition files into a checked catalogue. Pure: it takes the (file,
 * definition) pairs and either returns the catalogue or throws one error that lists every problem
 * with its file and field, so a broken definition stops the start and says where to look.
 *
 * Beyond the zod schema it checks what a single field cannot: the id matches the file name, ids
 * are unique, bands are ordered and their bounds move the way the KPI's direction says, scoring
 * runs the same way, and a composite only refers to measured KPIs that exist, each at most once.
 * These cross-checks run only on definitions that pass the schema, so a file's type errors are
 * reported first and alone.
 */
import {
  BAND_IDS,
  isComposite,
  kpiDefinitionSchema,
  type CompositeKpi,
  type KpiDefinition,
  type MeasuredKpi,
} from './schema';

export interface KpiDefinitionEntry {
  /** path of the file the definition comes from, e.g. `kpi-definitions/dossiers_on_time.ts` */
  file: string;
  definition: unknown;
}

export interface KpiCatalogue {
  /** every KPI, in registry order (alphabetical by file) */
  all: readonly KpiDefinition[];
  byId: ReadonlyMap<string, KpiDefinition>;
  /** the KPIs that take submitted values (ratio, mean, sum) */
  measured: readonly MeasuredKpi[];
  /** the KPIs computed from others */
  composites: readonly CompositeKpi[];
  /** the KPI with this id; throws on an unknown id (a function, not a method: it is passed around detached) */
  get: (id: string) => KpiDefinition;
}

export interface KpiDefinitionProblem {
  file: string;
  /** field path inside the definition, e.g. `bands[1].bound`; empty for the whole definition */
  path: string;
  message: string;
}

export class KpiCatalogueError extends Error {
  readonly problems: readonly KpiDefinitionProblem[];

  constructor(problems: readonly KpiDefinitionProblem[]) {
    const lines = problems.map((p) => `  ${p.file}: ${p.path || '(definition)'}: ${p.message}`);
    super(`KPI catalogue is invalid (${problems.length} problem(s)):\n${lines.join('\n')}`);
    this.name = 'KpiCatalogueError';
    this.problems = problems;
  }
}

type Report = (path: string, message: string) => void;

interface ParsedEntry {
  file: string;
  kpi: KpiDefinition;
}

/** `['bands', 1, 'bound']` → `bands[1].bound` */
function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}

/** `kpi-definitions/dossiers_on_time.ts` → `dossiers_on_time` */
function idFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[cm]?[jt]s$/, '');
}

function checkIdMatchesFile(file: string, kpi: KpiDefinition, report: Report): void {
  const expected = idFromFile(file);
  if (kpi.id !== expected) {
    report('id', `'${kpi.id}' must equal the file name '${expected}' (one file per KPI, named after its id)`);
  }
}

function checkBands(kpi: KpiDefinition, report: Report): void {
  const higherIsBetter = kpi.direction === 'higher_is_better';
  const lastIndex = kpi.bands.length - 1;
  let previousOrder = -1;
  let previousBound: number | null = null;

  kpi.bands.forEach((band, i) => {
    const order = BAND_IDS.indexOf(band.id);
    if (order <= previousOrder) {
      report(`bands[${i}].id`, `'${band.id}' is out of order: band ids go best first (${BAND_IDS.join(', ')}), each at most once`);
    }
    previousOrder = Math.max(previousOrder, order);

    if (i === lastIndex) {
      if (band.bound !== null) report(`bands[${i}].bound`, 'the last band takes the rest: its bound must be null');
      return;
    }
    if (band.bound === null) {
      report(`bands[${i}].bound`, 'only the last band may have a null bound');
      return;
    }
    if (previousBound !== null) {
      if (higherIsBetter && !(band.bound < previousBound)) {
        report(`bands[${i}].bound`, `${band.bound} must be below the previous band's bound ${previousBound} (higher_is_better)`);
      }
      if (!higherIsBetter && !(band.bound > previousBound)) {
        report(`bands[${i}].bound`, `${band.bound} must be above the previous band's bound ${previousBound} (lower_is_better)`);
      }
    }
    previousBound = band.bound;
  });
}

function checkScoring(kpi: KpiDefinition, report: Report): void {
  const { best, worst } = kpi.scoring;
  if (best === worst) {
    report('scoring.worst', `must differ from scoring.best (${best}), or every value scores the same`);
  } else if (kpi.direction === 'higher_is_better' && best < worst) {
    report('scoring.best', `${best} must be above scoring.worst ${worst} (higher_is_better)`);
  } else if (kpi.direction === 'lower_is_better' && best > worst) {
    report('scoring.best', `${best} must be below scoring.worst ${worst} (lower_is_better)`);
  }
}

/** The input that becomes the stored `den` must not go negative, or sums stop meaning anything. */
function checkInputRanges(kpi: KpiDefinition, report: Report): void {
  const { measure } = kpi;
  if (measure.kind === 'ratio' && measure.denominator.range.min < 0) {
    report('measure.denominator.range.min', `${measure.denominator.range.min} must be ≥ 0 (a denominator counts things)`);
  }
  if (measure.kind === 'mean' && measure.weight.range.min < 0) {
    report('measure.weight.range.min', `${measure.weight.range.min} must be ≥ 0 (a weight counts observations)`);
  }
}

function checkUniqueIds(entries: readonly ParsedEntry[], problems: KpiDefinitionProblem[]): void {
  const firstFileById = new Map<string, string>();
  for (const { file, kpi } of entries) {
    const first = firstFileById.get(kpi.id);
    if (first === undefined) firstFileById.set(kpi.id, file);
    else problems.push({ file, path: 'id', message: `duplicate id '${kpi.id}', already defined in ${first}` });
  }
}

function checkComposite(
  kpi: CompositeKpi,
  byId: ReadonlyMap<string, KpiDefinition>,
  report: Report,
): void {
  const groupIds = new Set<string>();
  const groupOfComponent = new Map<string, string>();
  kpi.measure.groups.forEach((group, g) => {
    if (groupIds.has(group.id)) report(`measure.groups[${g}].id`, `duplicate group id '${group.id}'`);
    groupIds.add(group.id);

    group.kpiIds.forEach((componentId, k) => {
      const path = `measure.groups[${g}].kpiIds[${k}]`;
      const component = byId.get(componentId);
      if (component === undefined) {
        report(path, `unknown KPI '${componentId}'`);
      } else if (isComposite(component)) {
        report(path, `'${componentId}' is a composite; a group may only list measured KPIs`);
      }
      const usedIn = groupOfComponent.get(componentId);
      if (usedIn !== undefined) {
        report(path, `'${componentId}' is already in group '${usedIn}'; a KPI may count in one group only`);
      } else {
        groupOfComponent.set(componentId, group.id);
      }
    });
  });
}

/** Freezes the catalogue so no consumer can change the one definition of a KPI by accident. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function buildCatalogue(definitions: readonly KpiDefinition[]): KpiCatalogue {
  const all = deepFreeze([...definitions]);
  const byId: ReadonlyMap<string, KpiDefinition> = new Map(all.map((kpi) => [kpi.id, kpi]));
  return {
    all,
    byId,
    measured: all.filter((kpi): kpi is MeasuredKpi => !isComposite(kpi)),
    composites: all.filter(isComposite),
    get(id: string): KpiDefinition {
      const kpi = byId.get(id);
      if (kpi === undefined) throw new Error(`unknown KPI id '${id}'`);
      return kpi;
    },
  };
}

export function validateKpiDefinitions(entries: ReadonlyArray<KpiDefinitionEntry>): KpiCatalogue {
  const problems: KpiDefinitionProblem[] = [];
  const parsed: ParsedEntry[] = [];
  const reporterFor =
    (file: string): Report =>
    (path, message) =>
      problems.push({ file, path, message });

  for (const { file, definition } of entries) {
    const result = kpiDefinitionSchema.safeParse(definition);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ file, path: formatPath(issue.path), message: issue.message });
      }
      continue;
    }
    const kpi = result.data;
    const report = reporterFor(file);
    checkIdMatchesFile(file, kpi, report);
    checkBands(kpi, report);
    checkScoring(kpi, report);
    checkInputRanges(kpi, report);
    parsed.push({ file, kpi });
  }

  checkUniqueIds(parsed, problems);
  const byId = new Map(parsed.map(({ kpi }) => [kpi.id, kpi]));
  for (const { file, kpi } of parsed) {
    if (isComposite(kpi)) checkComposite(kpi, byId, reporterFor(file));
  }

  if (problems.length > 0) throw new KpiCatalogueError(problems);
  return buildCatalogue(parsed.map(({ kpi }) => kpi));
}
