/**
 * The KPI catalogue: every definition file, registered here, validated once at import.
 *
 * The list below is the registry. Definitions are TypeScript modules so that the bundler and the
 * type checker see them; a new KPI is a new file named after its id plus one line here (kept
 * alphabetical). A broken or unregistered file is caught by `validateKpiDefinitions` and by the
 * catalogue's unit test.
 */
import businessComplianceHours from './business_compliance_hours';
import citizenSatisfaction from './citizen_satisfaction';
import complaintsResolvedOnTime from './complaints_resolved_on_time';
import complianceCostPerProcedure from './compliance_cost_per_procedure';
import dataReused from './data_reused';
import documentTurnaroundMean from './document_turnaround_mean';
import dossiersDigitised from './dossiers_digitised';
import dossiersFiledOnline from './dossiers_filed_online';
import dossiersOnTime from './dossiers_on_time';
import dossiersOverdueNow from './dossiers_overdue_now';
import dossiersReturnedForSupplement from './dossiers_returned_for_supplement';
import dossiersSyncedPortal from './dossiers_synced_portal';
import feesPaidOnline from './fees_paid_online';
import forecastMape from './forecast_mape';
import forecastsUpToDate from './forecasts_up_to_date';
import officeTripsPerProcedure from './office_trips_per_procedure';
import proceduresFullyOnline from './procedures_fully_online';
import proceduresPublishedFull from './procedures_published_full';
import processingTimeMean from './processing_time_mean';
import recordsMatchPopulationDb from './records_match_population_db';
import reportsSubmittedOnTime from './reports_submitted_on_time';
import resultsIssuedElectronic from './results_issued_electronic';
import resultsPublishedOnTime from './results_published_on_time';
import serviceIndex from './service_index';
import submissionsCorrectedAfterApproval from './submissions_corrected_after_approval';
import type { KpiDefinition } from './schema';
import { validateKpiDefinitions, type KpiCatalogue, type KpiDefinitionEntry } from './validateKpiDefinitions';

export { validateKpiDefinitions, KpiCatalogueError } from './validateKpiDefinitions';
export type { KpiCatalogue, KpiDefinitionEntry, KpiDefinitionProblem } from './validateKpiDefinitions';
export { bandFor, scoreFor, BAND_LABELS } from './bands';

/** [file name inside `kpi-definitions/`, its default export], alphabetical by file. */
const REGISTRY: ReadonlyArray<readonly [string, KpiDefinition]> = [
  ['business_compliance_hours.ts', businessComplianceHours],
  ['citizen_satisfaction.ts', citizenSatisfaction],
  ['complaints_resolved_on_time.ts', complaintsResolvedOnTime],
  ['compliance_cost_per_procedure.ts', complianceCostPerProcedure],
  ['data_reused.ts', dataReused],
  ['document_turnaround_mean.ts', documentTurnaroundMean],
  ['dossiers_digitised.ts', dossiersDigitised],
  ['dossiers_filed_online.ts', dossiersFiledOnline],
  ['dossiers_on_time.ts', dossiersOnTime],
  ['dossiers_overdue_now.ts', dossiersOverdueNow],
  ['dossiers_returned_for_supplement.ts', dossiersReturnedForSupplement],
  ['dossiers_synced_portal.ts', dossiersSyncedPortal],
  ['fees_paid_online.ts', feesPaidOnline],
  ['forecast_mape.ts', forecastMape],
  ['forecasts_up_to_date.ts', forecastsUpToDate],
  ['office_trips_per_procedure.ts', officeTripsPerProcedure],
  ['procedures_fully_online.ts', proceduresFullyOnline],
  ['procedures_published_full.ts', proceduresPublishedFull],
  ['processing_time_mean.ts', processingTimeMean],
  ['records_match_population_db.ts', recordsMatchPopulationDb],
  ['reports_submitted_on_time.ts', reportsSubmittedOnTime],
  ['results_issued_electronic.ts', resultsIssuedElectronic],
  ['results_published_on_time.ts', resultsPublishedOnTime],
  ['service_index.ts', serviceIndex],
  ['submissions_corrected_after_approval.ts', submissionsCorrectedAfterApproval],
];

/** The registry as (file, definition) entries, with the file path from the project root. */
export const KPI_DEFINITION_ENTRIES: readonly KpiDefinitionEntry[] = REGISTRY.map(([fileName, definition]) => ({
  file: `kpi-definitions/${fileName}`,
  definition,
}));

/** Validates every registered definition; throws a `KpiCatalogueError` naming file and field. */
export function loadKpiCatalogue(): KpiCatalogue {
  return validateKpiDefinitions(KPI_DEFINITION_ENTRIES);
}

/** The catalogue, loaded once at import: a broken definition stops the start. */
export const kpiCatalogue: KpiCatalogue = loadKpiCatalogue();

/**
 * The KPIs the app measures itself, from its own stored forecasts (server/forecast/ownForecasts.ts):
 * the demo seed leaves their recent months to the scoring job, and they are not among the series
 * whose forecasting they measure (they would measure themselves).
 */
export const SYSTEM_MEASURED_KPI_IDS: ReadonlySet<string> = new Set([forecastMape.id, forecastsUpToDate.id]);

/**
 * How many months, counting the current one, the scoring job (re)writes those KPIs for: the current
 * month as it stands, and the month before, whose last forecasts are scored after it ended.
 */
export const SYSTEM_MEASURED_MONTHS = 2;
