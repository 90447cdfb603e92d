/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AgreementSummary($projectId: ID!, $filter: AgreementFilterInput) {\n    agreementSummary(projectId: $projectId, filter: $filter) {\n      kind labels items coders seed\n      criteria {\n        criterion units coders headlineLevel percentAgreement fleissKappa kendallW\n        cohenKappa { coderA coderB n kappa }\n        alphaNominal { level alpha reason low high resamples }\n        alphaOrdinal { level alpha reason low high resamples }\n        alphaInterval { level alpha reason low high resamples }\n      }\n      cache { source computeMs computedAt }\n    }\n  }\n": typeof types.AgreementSummaryDocument,
    "\n  query LabellerQuality($projectId: ID!, $filter: AgreementFilterInput, $thresholds: LabellerThresholdsInput) {\n    labellerQuality(projectId: $projectId, filter: $filter, thresholds: $thresholds) {\n      criterion\n      labellers {\n        coder annotatorId labels flagged flagReasons medianSeconds\n        checks { kind status value threshold n minN pValue }\n        looAgreement { n rate } gold { n accuracy } positionBias { n share pValue } tieRate { n rate }\n        weekly { week n rate }\n      }\n    }\n  }\n": typeof types.LabellerQualityDocument,
    "\n  query ConfusionMatrix($projectId: ID!, $criterion: String, $coderA: String!, $coderB: String!, $filter: AgreementFilterInput) {\n    confusionMatrix(projectId: $projectId, criterion: $criterion, coderA: $coderA, coderB: $coderB, filter: $filter) { criterion coderA coderB categories counts n }\n  }\n": typeof types.ConfusionMatrixDocument,
    "query AuditFacets { auditFacets { actions entityTypes } }": typeof types.AuditFacetsDocument,
    "mutation ExportAuditLog($actor: String, $action: String, $entityType: String, $projectId: String, $from: DateTime, $to: DateTime) {\n  exportAuditLog(actor: $actor, action: $action, entityType: $entityType, projectId: $projectId, from: $from, to: $to) { csv rows total truncated } }": typeof types.ExportAuditLogDocument,
    "fragment DatasetSnapshotFields on DatasetSnapshot { id name status createdAt createdBy manifest files { name sha256 bytes records url } }": typeof types.DatasetSnapshotFieldsFragmentDoc,
    "query DatasetSnapshots($projectId: ID!) { datasetSnapshots(projectId: $projectId) { ...DatasetSnapshotFields } }": typeof types.DatasetSnapshotsDocument,
    "query PreviewExport($input: ExportRequestInput!) { previewExport(input: $input) { records counts request } }": typeof types.PreviewExportDocument,
    "mutation RequestExport($input: ExportRequestInput!) { requestExport(input: $input) { ...DatasetSnapshotFields } }": typeof types.RequestExportDocument,
    "query OpenDisagreements($projectId: ID!) { disagreements(projectId: $projectId, criterion: \"overall\", limit: 200, offset: 0) { rows { itemId adjudicated } } }": typeof types.OpenDisagreementsDocument,
    "\n  query BertScoreResults($projectId: ID!, $language: String) {\n    bertScore(projectId: $projectId, language: $language) { runId finishedAt encoder layer language languages csv markdown rows { model precision recall f1 answers } }\n  }\n": typeof types.BertScoreResultsDocument,
    "\n  query BertScoreRuns($projectId: ID!) { trainingRuns(kind: \"bertscore\", projectId: $projectId, limit: 1) { id status projectId error createdAt finishedAt } }\n": typeof types.BertScoreRunsDocument,
    "\n  mutation RequestBertScore($projectId: ID!, $encoderPath: String, $layer: Int, $gpus: Int) {\n    requestBertScore(projectId: $projectId, encoderPath: $encoderPath, layer: $layer, gpus: $gpus) { id status }\n  }\n": typeof types.RequestBertScoreDocument,
    "\n  query CampaignSetup($projectId: ID!) { campaignPlan(projectId: $projectId) { strategy baseline } campaignModels(projectId: $projectId) }\n": typeof types.CampaignSetupDocument,
    "\n  mutation ConfigureCampaign($projectId: ID!, $strategy: CampaignStrategy!, $baseline: String) {\n    configureCampaign(projectId: $projectId, strategy: $strategy, baseline: $baseline) { strategy baseline }\n  }\n": typeof types.ConfigureCampaignDocument,
    "\n  query EvaluationReport($projectId: ID!, $criterion: String!, $baseline: String, $judges: JudgeMode!, $groupBy: ReportGroupBy) {\n    evaluationReport(projectId: $projectId, criterion: $criterion, baseline: $baseline, judges: $judges, groupBy: $groupBy, resamples: 500) {\n      criterion models judgements items csv markdown leaderboardCsv leaderboardMarkdown\n      rows {\n        model baseline groupBy group n wins ties losses winRate tieRate loseRate signTestP\n        winInterval { low high } tieInterval { low high } loseInterval { low high }\n      }\n      leaderboard { rows { rank model strength low high elo games } }\n      judgeAgreement { judge n agreeing share }\n    }\n  }\n": typeof types.EvaluationReportDocument,
    "\n  query ModelMetrics($projectId: ID!, $language: String) {\n    modelMetrics(projectId: $projectId, language: $language) {\n      language languages answersWithoutReference csv markdown\n      rows { model answers bleu1 bleu2 bleu3 bleu4 gleu rouge1 rouge2 rougeL sentenceBleu4 }\n    }\n  }\n": typeof types.ModelMetricsDocument,
    "fragment VerdictAgreementFields on VerdictAgreement { alpha reason units pairableValues }": typeof types.VerdictAgreementFieldsFragmentDoc,
    "\n  query ValidationReport($projectId: ID!) {\n    validationReport(projectId: $projectId) {\n      labels csv markdown\n      overall { ...VerdictAgreementFields }\n      generators {\n        generator n accepts fixes rejects acceptanceRate acceptanceInterval { low high } strictRate\n        rejectionReasons { reason count }\n        agreement { ...VerdictAgreementFields }\n      }\n    }\n  }\n": typeof types.ValidationReportDocument,
    "query Items($projectId: ID!, $filter: ItemFilterInput, $limit: Int!, $offset: Int!) {\n  items(projectId: $projectId, filter: $filter, limit: $limit, offset: $offset) { total projectItems rows { id externalId language specialty isGold labels status flags promptExcerpt adjudicated } } }": typeof types.ItemsDocument,
    "mutation BulkItems($input: ItemBulkInput!) { bulkItems(input: $input) { action changed skipped reason } }": typeof types.BulkItemsDocument,
    "\n  query ProjectProgress($projectId: ID!) {\n    projectProgress(projectId: $projectId) {\n      items completeItems pendingItems inProgressItems labels responses activeLeases\n      annotators { annotatorId username kind labels labelsToday skipped medianTimeMs lastLabelAt }\n      perDay { day username labels }\n    }\n  }\n": typeof types.ProjectProgressDocument,
    "fragment MembershipFields on ProjectMembership {\n  membersOnly members { userId username displayName languages status quota submitted matchesRouting receivesTasks } }": typeof types.MembershipFieldsFragmentDoc,
    "query ProjectMembers($projectId: ID!) { projectMembers(projectId: $projectId) { ...MembershipFields } }": typeof types.ProjectMembersDocument,
    "mutation SetProjectMember($input: SetProjectMemberInput!) { setProjectMember(input: $input) { ...MembershipFields } }": typeof types.SetProjectMemberDocument,
    "mutation SetMembersOnly($input: SetMembersOnlyInput!) { setMembersOnly(input: $input) { ...MembershipFields } }": typeof types.SetMembersOnlyDocument,
    "query ProjectItemCount($projectId: ID!) { items(projectId: $projectId, limit: 1) { projectItems } }": typeof types.ProjectItemCountDocument,
    "\n  fragment TrainingRunFields on TrainingRun {\n    id kind status projectId snapshotId parentRunId config gpus attempts maxAttempts nodeName assignedGpus exitCode error summary\n    createdAt startedAt heartbeatAt finishedAt\n  }\n": typeof types.TrainingRunFieldsFragmentDoc,
    "fragment MetricSeriesFields on MetricSeries { name attempt steps values }": typeof types.MetricSeriesFieldsFragmentDoc,
    "query TrainingRuns { trainingRuns(limit: 100) { ...TrainingRunFields } }": typeof types.TrainingRunsDocument,
    "\n  query TrainingRun($id: ID!) {\n    trainingRun(id: $id, logLines: 200) {\n      run { ...TrainingRunFields }\n      metrics { ...MetricSeriesFields }\n      earlierMetrics { ...MetricSeriesFields }\n      logTail { seq attempt stream line at }\n      artifacts { attempt name kind uri bytes sha256 createdAt }\n      attemptHistory { attempt nodeName heartbeatSeconds leaseSeconds claimedAt startedAt endedAt lastHeartbeat outcome error }\n    }\n  }\n": typeof types.TrainingRunDocument,
    "\n  query TrainingNodes {\n    trainingNodes { id name hostname status gpus { index name memoryMiB } maxJobs heartbeatSeconds leaseSeconds lastHeartbeat startedAt currentRunIds }\n  }\n": typeof types.TrainingNodesDocument,
    "query WorkerSetup { workerSetup { localCommand remoteCommand remoteDatabaseUrl loopbackOnly embedded } }": typeof types.WorkerSetupDocument,
    "query TrainableSnapshots { trainableSnapshots { id name projectName projectSlug createdAt train validation test } }": typeof types.TrainableSnapshotsDocument,
    "mutation StartRewardModelRun($snapshotId: ID!, $input: StartRunInput) { startRewardModelRun(snapshotId: $snapshotId, input: $input) { id } }": typeof types.StartRewardModelRunDocument,
    "mutation StartPpoRun($rewardModelRunId: ID!, $input: StartRunInput) { startPpoRun(rewardModelRunId: $rewardModelRunId, input: $input) { id } }": typeof types.StartPpoRunDocument,
    "query SnapshotManifest($id: ID!) { datasetSnapshot(id: $id) { id manifest } }": typeof types.SnapshotManifestDocument,
    "mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }": typeof types.CancelRunDocument,
};
const documents: Documents = {
    "\n  query AgreementSummary($projectId: ID!, $filter: AgreementFilterInput) {\n    agreementSummary(projectId: $projectId, filter: $filter) {\n      kind labels items coders seed\n      criteria {\n        criterion units coders headlineLevel percentAgreement fleissKappa kendallW\n        cohenKappa { coderA coderB n kappa }\n        alphaNominal { level alpha reason low high resamples }\n        alphaOrdinal { level alpha reason low high resamples }\n        alphaInterval { level alpha reason low high resamples }\n      }\n      cache { source computeMs computedAt }\n    }\n  }\n": types.AgreementSummaryDocument,
    "\n  query LabellerQuality($projectId: ID!, $filter: AgreementFilterInput, $thresholds: LabellerThresholdsInput) {\n    labellerQuality(projectId: $projectId, filter: $filter, thresholds: $thresholds) {\n      criterion\n      labellers {\n        coder annotatorId labels flagged flagReasons medianSeconds\n        checks { kind status value threshold n minN pValue }\n        looAgreement { n rate } gold { n accuracy } positionBias { n share pValue } tieRate { n rate }\n        weekly { week n rate }\n      }\n    }\n  }\n": types.LabellerQualityDocument,
    "\n  query ConfusionMatrix($projectId: ID!, $criterion: String, $coderA: String!, $coderB: String!, $filter: AgreementFilterInput) {\n    confusionMatrix(projectId: $projectId, criterion: $criterion, coderA: $coderA, coderB: $coderB, filter: $filter) { criterion coderA coderB categories counts n }\n  }\n": types.ConfusionMatrixDocument,
    "query AuditFacets { auditFacets { actions entityTypes } }": types.AuditFacetsDocument,
    "mutation ExportAuditLog($actor: String, $action: String, $entityType: String, $projectId: String, $from: DateTime, $to: DateTime) {\n  exportAuditLog(actor: $actor, action: $action, entityType: $entityType, projectId: $projectId, from: $from, to: $to) { csv rows total truncated } }": types.ExportAuditLogDocument,
    "fragment DatasetSnapshotFields on DatasetSnapshot { id name status createdAt createdBy manifest files { name sha256 bytes records url } }": types.DatasetSnapshotFieldsFragmentDoc,
    "query DatasetSnapshots($projectId: ID!) { datasetSnapshots(projectId: $projectId) { ...DatasetSnapshotFields } }": types.DatasetSnapshotsDocument,
    "query PreviewExport($input: ExportRequestInput!) { previewExport(input: $input) { records counts request } }": types.PreviewExportDocument,
    "mutation RequestExport($input: ExportRequestInput!) { requestExport(input: $input) { ...DatasetSnapshotFields } }": types.RequestExportDocument,
    "query OpenDisagreements($projectId: ID!) { disagreements(projectId: $projectId, criterion: \"overall\", limit: 200, offset: 0) { rows { itemId adjudicated } } }": types.OpenDisagreementsDocument,
    "\n  query BertScoreResults($projectId: ID!, $language: String) {\n    bertScore(projectId: $projectId, language: $language) { runId finishedAt encoder layer language languages csv markdown rows { model precision recall f1 answers } }\n  }\n": types.BertScoreResultsDocument,
    "\n  query BertScoreRuns($projectId: ID!) { trainingRuns(kind: \"bertscore\", projectId: $projectId, limit: 1) { id status projectId error createdAt finishedAt } }\n": types.BertScoreRunsDocument,
    "\n  mutation RequestBertScore($projectId: ID!, $encoderPath: String, $layer: Int, $gpus: Int) {\n    requestBertScore(projectId: $projectId, encoderPath: $encoderPath, layer: $layer, gpus: $gpus) { id status }\n  }\n": types.RequestBertScoreDocument,
    "\n  query CampaignSetup($projectId: ID!) { campaignPlan(projectId: $projectId) { strategy baseline } campaignModels(projectId: $projectId) }\n": types.CampaignSetupDocument,
    "\n  mutation ConfigureCampaign($projectId: ID!, $strategy: CampaignStrategy!, $baseline: String) {\n    configureCampaign(projectId: $projectId, strategy: $strategy, baseline: $baseline) { strategy baseline }\n  }\n": types.ConfigureCampaignDocument,
    "\n  query EvaluationReport($projectId: ID!, $criterion: String!, $baseline: String, $judges: JudgeMode!, $groupBy: ReportGroupBy) {\n    evaluationReport(projectId: $projectId, criterion: $criterion, baseline: $baseline, judges: $judges, groupBy: $groupBy, resamples: 500) {\n      criterion models judgements items csv markdown leaderboardCsv leaderboardMarkdown\n      rows {\n        model baseline groupBy group n wins ties losses winRate tieRate loseRate signTestP\n        winInterval { low high } tieInterval { low high } loseInterval { low high }\n      }\n      leaderboard { rows { rank model strength low high elo games } }\n      judgeAgreement { judge n agreeing share }\n    }\n  }\n": types.EvaluationReportDocument,
    "\n  query ModelMetrics($projectId: ID!, $language: String) {\n    modelMetrics(projectId: $projectId, language: $language) {\n      language languages answersWithoutReference csv markdown\n      rows { model answers bleu1 bleu2 bleu3 bleu4 gleu rouge1 rouge2 rougeL sentenceBleu4 }\n    }\n  }\n": types.ModelMetricsDocument,
    "fragment VerdictAgreementFields on VerdictAgreement { alpha reason units pairableValues }": types.VerdictAgreementFieldsFragmentDoc,
    "\n  query ValidationReport($projectId: ID!) {\n    validationReport(projectId: $projectId) {\n      labels csv markdown\n      overall { ...VerdictAgreementFields }\n      generators {\n        generator n accepts fixes rejects acceptanceRate acceptanceInterval { low high } strictRate\n        rejectionReasons { reason count }\n        agreement { ...VerdictAgreementFields }\n      }\n    }\n  }\n": types.ValidationReportDocument,
    "query Items($projectId: ID!, $filter: ItemFilterInput, $limit: Int!, $offset: Int!) {\n  items(projectId: $projectId, filter: $filter, limit: $limit, offset: $offset) { total projectItems rows { id externalId language specialty isGold labels status flags promptExcerpt adjudicated } } }": types.ItemsDocument,
    "mutation BulkItems($input: ItemBulkInput!) { bulkItems(input: $input) { action changed skipped reason } }": types.BulkItemsDocument,
    "\n  query ProjectProgress($projectId: ID!) {\n    projectProgress(projectId: $projectId) {\n      items completeItems pendingItems inProgressItems labels responses activeLeases\n      annotators { annotatorId username kind labels labelsToday skipped medianTimeMs lastLabelAt }\n      perDay { day username labels }\n    }\n  }\n": types.ProjectProgressDocument,
    "fragment MembershipFields on ProjectMembership {\n  membersOnly members { userId username displayName languages status quota submitted matchesRouting receivesTasks } }": types.MembershipFieldsFragmentDoc,
    "query ProjectMembers($projectId: ID!) { projectMembers(projectId: $projectId) { ...MembershipFields } }": types.ProjectMembersDocument,
    "mutation SetProjectMember($input: SetProjectMemberInput!) { setProjectMember(input: $input) { ...MembershipFields } }": types.SetProjectMemberDocument,
    "mutation SetMembersOnly($input: SetMembersOnlyInput!) { setMembersOnly(input: $input) { ...MembershipFields } }": types.SetMembersOnlyDocument,
    "query ProjectItemCount($projectId: ID!) { items(projectId: $projectId, limit: 1) { projectItems } }": types.ProjectItemCountDocument,
    "\n  fragment TrainingRunFields on TrainingRun {\n    id kind status projectId snapshotId parentRunId config gpus attempts maxAttempts nodeName assignedGpus exitCode error summary\n    createdAt startedAt heartbeatAt finishedAt\n  }\n": types.TrainingRunFieldsFragmentDoc,
    "fragment MetricSeriesFields on MetricSeries { name attempt steps values }": types.MetricSeriesFieldsFragmentDoc,
    "query TrainingRuns { trainingRuns(limit: 100) { ...TrainingRunFields } }": types.TrainingRunsDocument,
    "\n  query TrainingRun($id: ID!) {\n    trainingRun(id: $id, logLines: 200) {\n      run { ...TrainingRunFields }\n      metrics { ...MetricSeriesFields }\n      earlierMetrics { ...MetricSeriesFields }\n      logTail { seq attempt stream line at }\n      artifacts { attempt name kind uri bytes sha256 createdAt }\n      attemptHistory { attempt nodeName heartbeatSeconds leaseSeconds claimedAt startedAt endedAt lastHeartbeat outcome error }\n    }\n  }\n": types.TrainingRunDocument,
    "\n  query TrainingNodes {\n    trainingNodes { id name hostname status gpus { index name memoryMiB } maxJobs heartbeatSeconds leaseSeconds lastHeartbeat startedAt currentRunIds }\n  }\n": types.TrainingNodesDocument,
    "query WorkerSetup { workerSetup { localCommand remoteCommand remoteDatabaseUrl loopbackOnly embedded } }": types.WorkerSetupDocument,
    "query TrainableSnapshots { trainableSnapshots { id name projectName projectSlug createdAt train validation test } }": types.TrainableSnapshotsDocument,
    "mutation StartRewardModelRun($snapshotId: ID!, $input: StartRunInput) { startRewardModelRun(snapshotId: $snapshotId, input: $input) { id } }": types.StartRewardModelRunDocument,
    "mutation StartPpoRun($rewardModelRunId: ID!, $input: StartRunInput) { startPpoRun(rewardModelRunId: $rewardModelRunId, input: $input) { id } }": types.StartPpoRunDocument,
    "query SnapshotManifest($id: ID!) { datasetSnapshot(id: $id) { id manifest } }": types.SnapshotManifestDocument,
    "mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }": types.CancelRunDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgreementSummary($projectId: ID!, $filter: AgreementFilterInput) {\n    agreementSummary(projectId: $projectId, filter: $filter) {\n      kind labels items coders seed\n      criteria {\n        criterion units coders headlineLevel percentAgreement fleissKappa kendallW\n        cohenKappa { coderA coderB n kappa }\n        alphaNominal { level alpha reason low high resamples }\n        alphaOrdinal { level alpha reason low high resamples }\n        alphaInterval { level alpha reason low high resamples }\n      }\n      cache { source computeMs computedAt }\n    }\n  }\n"): (typeof documents)["\n  query AgreementSummary($projectId: ID!, $filter: AgreementFilterInput) {\n    agreementSummary(projectId: $projectId, filter: $filter) {\n      kind labels items coders seed\n      criteria {\n        criterion units coders headlineLevel percentAgreement fleissKappa kendallW\n        cohenKappa { coderA coderB n kappa }\n        alphaNominal { level alpha reason low high resamples }\n        alphaOrdinal { level alpha reason low high resamples }\n        alphaInterval { level alpha reason low high resamples }\n      }\n      cache { source computeMs computedAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LabellerQuality($projectId: ID!, $filter: AgreementFilterInput, $thresholds: LabellerThresholdsInput) {\n    labellerQuality(projectId: $projectId, filter: $filter, thresholds: $thresholds) {\n      criterion\n      labellers {\n        coder annotatorId labels flagged flagReasons medianSeconds\n        checks { kind status value threshold n minN pValue }\n        looAgreement { n rate } gold { n accuracy } positionBias { n share pValue } tieRate { n rate }\n        weekly { week n rate }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LabellerQuality($projectId: ID!, $filter: AgreementFilterInput, $thresholds: LabellerThresholdsInput) {\n    labellerQuality(projectId: $projectId, filter: $filter, thresholds: $thresholds) {\n      criterion\n      labellers {\n        coder annotatorId labels flagged flagReasons medianSeconds\n        checks { kind status value threshold n minN pValue }\n        looAgreement { n rate } gold { n accuracy } positionBias { n share pValue } tieRate { n rate }\n        weekly { week n rate }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConfusionMatrix($projectId: ID!, $criterion: String, $coderA: String!, $coderB: String!, $filter: AgreementFilterInput) {\n    confusionMatrix(projectId: $projectId, criterion: $criterion, coderA: $coderA, coderB: $coderB, filter: $filter) { criterion coderA coderB categories counts n }\n  }\n"): (typeof documents)["\n  query ConfusionMatrix($projectId: ID!, $criterion: String, $coderA: String!, $coderB: String!, $filter: AgreementFilterInput) {\n    confusionMatrix(projectId: $projectId, criterion: $criterion, coderA: $coderA, coderB: $coderB, filter: $filter) { criterion coderA coderB categories counts n }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditFacets { auditFacets { actions entityTypes } }"): (typeof documents)["query AuditFacets { auditFacets { actions entityTypes } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExportAuditLog($actor: String, $action: String, $entityType: String, $projectId: String, $from: DateTime, $to: DateTime) {\n  exportAuditLog(actor: $actor, action: $action, entityType: $entityType, projectId: $projectId, from: $from, to: $to) { csv rows total truncated } }"): (typeof documents)["mutation ExportAuditLog($actor: String, $action: String, $entityType: String, $projectId: String, $from: DateTime, $to: DateTime) {\n  exportAuditLog(actor: $actor, action: $action, entityType: $entityType, projectId: $projectId, from: $from, to: $to) { csv rows total truncated } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DatasetSnapshotFields on DatasetSnapshot { id name status createdAt createdBy manifest files { name sha256 bytes records url } }"): (typeof documents)["fragment DatasetSnapshotFields on DatasetSnapshot { id name status createdAt createdBy manifest files { name sha256 bytes records url } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DatasetSnapshots($projectId: ID!) { datasetSnapshots(projectId: $projectId) { ...DatasetSnapshotFields } }"): (typeof documents)["query DatasetSnapshots($projectId: ID!) { datasetSnapshots(projectId: $projectId) { ...DatasetSnapshotFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PreviewExport($input: ExportRequestInput!) { previewExport(input: $input) { records counts request } }"): (typeof documents)["query PreviewExport($input: ExportRequestInput!) { previewExport(input: $input) { records counts request } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RequestExport($input: ExportRequestInput!) { requestExport(input: $input) { ...DatasetSnapshotFields } }"): (typeof documents)["mutation RequestExport($input: ExportRequestInput!) { requestExport(input: $input) { ...DatasetSnapshotFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OpenDisagreements($projectId: ID!) { disagreements(projectId: $projectId, criterion: \"overall\", limit: 200, offset: 0) { rows { itemId adjudicated } } }"): (typeof documents)["query OpenDisagreements($projectId: ID!) { disagreements(projectId: $projectId, criterion: \"overall\", limit: 200, offset: 0) { rows { itemId adjudicated } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BertScoreResults($projectId: ID!, $language: String) {\n    bertScore(projectId: $projectId, language: $language) { runId finishedAt encoder layer language languages csv markdown rows { model precision recall f1 answers } }\n  }\n"): (typeof documents)["\n  query BertScoreResults($projectId: ID!, $language: String) {\n    bertScore(projectId: $projectId, language: $language) { runId finishedAt encoder layer language languages csv markdown rows { model precision recall f1 answers } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BertScoreRuns($projectId: ID!) { trainingRuns(kind: \"bertscore\", projectId: $projectId, limit: 1) { id status projectId error createdAt finishedAt } }\n"): (typeof documents)["\n  query BertScoreRuns($projectId: ID!) { trainingRuns(kind: \"bertscore\", projectId: $projectId, limit: 1) { id status projectId error createdAt finishedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestBertScore($projectId: ID!, $encoderPath: String, $layer: Int, $gpus: Int) {\n    requestBertScore(projectId: $projectId, encoderPath: $encoderPath, layer: $layer, gpus: $gpus) { id status }\n  }\n"): (typeof documents)["\n  mutation RequestBertScore($projectId: ID!, $encoderPath: String, $layer: Int, $gpus: Int) {\n    requestBertScore(projectId: $projectId, encoderPath: $encoderPath, layer: $layer, gpus: $gpus) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CampaignSetup($projectId: ID!) { campaignPlan(projectId: $projectId) { strategy baseline } campaignModels(projectId: $projectId) }\n"): (typeof documents)["\n  query CampaignSetup($projectId: ID!) { campaignPlan(projectId: $projectId) { strategy baseline } campaignModels(projectId: $projectId) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfigureCampaign($projectId: ID!, $strategy: CampaignStrategy!, $baseline: String) {\n    configureCampaign(projectId: $projectId, strategy: $strategy, baseline: $baseline) { strategy baseline }\n  }\n"): (typeof documents)["\n  mutation ConfigureCampaign($projectId: ID!, $strategy: CampaignStrategy!, $baseline: String) {\n    configureCampaign(projectId: $projectId, strategy: $strategy, baseline: $baseline) { strategy baseline }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluationReport($projectId: ID!, $criterion: String!, $baseline: String, $judges: JudgeMode!, $groupBy: ReportGroupBy) {\n    evaluationReport(projectId: $projectId, criterion: $criterion, baseline: $baseline, judges: $judges, groupBy: $groupBy, resamples: 500) {\n      criterion models judgements items csv markdown leaderboardCsv leaderboardMarkdown\n      rows {\n        model baseline groupBy group n wins ties losses winRate tieRate loseRate signTestP\n        winInterval { low high } tieInterval { low high } loseInterval { low high }\n      }\n      leaderboard { rows { rank model strength low high elo games } }\n      judgeAgreement { judge n agreeing share }\n    }\n  }\n"): (typeof documents)["\n  query EvaluationReport($projectId: ID!, $criterion: String!, $baseline: String, $judges: JudgeMode!, $groupBy: ReportGroupBy) {\n    evaluationReport(projectId: $projectId, criterion: $criterion, baseline: $baseline, judges: $judges, groupBy: $groupBy, resamples: 500) {\n      criterion models judgements items csv markdown leaderboardCsv leaderboardMarkdown\n      rows {\n        model baseline groupBy group n wins ties losses winRate tieRate loseRate signTestP\n        winInterval { low high } tieInterval { low high } loseInterval { low high }\n      }\n      leaderboard { rows { rank model strength low high elo games } }\n      judgeAgreement { judge n agreeing share }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelMetrics($projectId: ID!, $language: String) {\n    modelMetrics(projectId: $projectId, language: $language) {\n      language languages answersWithoutReference csv markdown\n      rows { model answers bleu1 bleu2 bleu3 bleu4 gleu rouge1 rouge2 rougeL sentenceBleu4 }\n    }\n  }\n"): (typeof documents)["\n  query ModelMetrics($projectId: ID!, $language: String) {\n    modelMetrics(projectId: $projectId, language: $language) {\n      language languages answersWithoutReference csv markdown\n      rows { model answers bleu1 bleu2 bleu3 bleu4 gleu rouge1 rouge2 rougeL sentenceBleu4 }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment VerdictAgreementFields on VerdictAgreement { alpha reason units pairableValues }"): (typeof documents)["fragment VerdictAgreementFields on VerdictAgreement { alpha reason units pairableValues }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ValidationReport($projectId: ID!) {\n    validationReport(projectId: $projectId) {\n      labels csv markdown\n      overall { ...VerdictAgreementFields }\n      generators {\n        generator n accepts fixes rejects acceptanceRate acceptanceInterval { low high } strictRate\n        rejectionReasons { reason count }\n        agreement { ...VerdictAgreementFields }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ValidationReport($projectId: ID!) {\n    validationReport(projectId: $projectId) {\n      labels csv markdown\n      overall { ...VerdictAgreementFields }\n      generators {\n        generator n accepts fixes rejects acceptanceRate acceptanceInterval { low high } strictRate\n        rejectionReasons { reason count }\n        agreement { ...VerdictAgreementFields }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Items($projectId: ID!, $filter: ItemFilterInput, $limit: Int!, $offset: Int!) {\n  items(projectId: $projectId, filter: $filter, limit: $limit, offset: $offset) { total projectItems rows { id externalId language specialty isGold labels status flags promptExcerpt adjudicated } } }"): (typeof documents)["query Items($projectId: ID!, $filter: ItemFilterInput, $limit: Int!, $offset: Int!) {\n  items(projectId: $projectId, filter: $filter, limit: $limit, offset: $offset) { total projectItems rows { id externalId language specialty isGold labels status flags promptExcerpt adjudicated } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BulkItems($input: ItemBulkInput!) { bulkItems(input: $input) { action changed skipped reason } }"): (typeof documents)["mutation BulkItems($input: ItemBulkInput!) { bulkItems(input: $input) { action changed skipped reason } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectProgress($projectId: ID!) {\n    projectProgress(projectId: $projectId) {\n      items completeItems pendingItems inProgressItems labels responses activeLeases\n      annotators { annotatorId username kind labels labelsToday skipped medianTimeMs lastLabelAt }\n      perDay { day username labels }\n    }\n  }\n"): (typeof documents)["\n  query ProjectProgress($projectId: ID!) {\n    projectProgress(projectId: $projectId) {\n      items completeItems pendingItems inProgressItems labels responses activeLeases\n      annotators { annotatorId username kind labels labelsToday skipped medianTimeMs lastLabelAt }\n      perDay { day username labels }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MembershipFields on ProjectMembership {\n  membersOnly members { userId username displayName languages status quota submitted matchesRouting receivesTasks } }"): (typeof documents)["fragment MembershipFields on ProjectMembership {\n  membersOnly members { userId username displayName languages status quota submitted matchesRouting receivesTasks } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectMembers($projectId: ID!) { projectMembers(projectId: $projectId) { ...MembershipFields } }"): (typeof documents)["query ProjectMembers($projectId: ID!) { projectMembers(projectId: $projectId) { ...MembershipFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetProjectMember($input: SetProjectMemberInput!) { setProjectMember(input: $input) { ...MembershipFields } }"): (typeof documents)["mutation SetProjectMember($input: SetProjectMemberInput!) { setProjectMember(input: $input) { ...MembershipFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetMembersOnly($input: SetMembersOnlyInput!) { setMembersOnly(input: $input) { ...MembershipFields } }"): (typeof documents)["mutation SetMembersOnly($input: SetMembersOnlyInput!) { setMembersOnly(input: $input) { ...MembershipFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectItemCount($projectId: ID!) { items(projectId: $projectId, limit: 1) { projectItems } }"): (typeof documents)["query ProjectItemCount($projectId: ID!) { items(projectId: $projectId, limit: 1) { projectItems } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TrainingRunFields on TrainingRun {\n    id kind status projectId snapshotId parentRunId config gpus attempts maxAttempts nodeName assignedGpus exitCode error summary\n    createdAt startedAt heartbeatAt finishedAt\n  }\n"): (typeof documents)["\n  fragment TrainingRunFields on TrainingRun {\n    id kind status projectId snapshotId parentRunId config gpus attempts maxAttempts nodeName assignedGpus exitCode error summary\n    createdAt startedAt heartbeatAt finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MetricSeriesFields on MetricSeries { name attempt steps values }"): (typeof documents)["fragment MetricSeriesFields on MetricSeries { name attempt steps values }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TrainingRuns { trainingRuns(limit: 100) { ...TrainingRunFields } }"): (typeof documents)["query TrainingRuns { trainingRuns(limit: 100) { ...TrainingRunFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingRun($id: ID!) {\n    trainingRun(id: $id, logLines: 200) {\n      run { ...TrainingRunFields }\n      metrics { ...MetricSeriesFields }\n      earlierMetrics { ...MetricSeriesFields }\n      logTail { seq attempt stream line at }\n      artifacts { attempt name kind uri bytes sha256 createdAt }\n      attemptHistory { attempt nodeName heartbeatSeconds leaseSeconds claimedAt startedAt endedAt lastHeartbeat outcome error }\n    }\n  }\n"): (typeof documents)["\n  query TrainingRun($id: ID!) {\n    trainingRun(id: $id, logLines: 200) {\n      run { ...TrainingRunFields }\n      metrics { ...MetricSeriesFields }\n      earlierMetrics { ...MetricSeriesFields }\n      logTail { seq attempt stream line at }\n      artifacts { attempt name kind uri bytes sha256 createdAt }\n      attemptHistory { attempt nodeName heartbeatSeconds leaseSeconds claimedAt startedAt endedAt lastHeartbeat outcome error }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingNodes {\n    trainingNodes { id name hostname status gpus { index name memoryMiB } maxJobs heartbeatSeconds leaseSeconds lastHeartbeat startedAt currentRunIds }\n  }\n"): (typeof documents)["\n  query TrainingNodes {\n    trainingNodes { id name hostname status gpus { index name memoryMiB } maxJobs heartbeatSeconds leaseSeconds lastHeartbeat startedAt currentRunIds }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkerSetup { workerSetup { localCommand remoteCommand remoteDatabaseUrl loopbackOnly embedded } }"): (typeof documents)["query WorkerSetup { workerSetup { localCommand remoteCommand remoteDatabaseUrl loopbackOnly embedded } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TrainableSnapshots { trainableSnapshots { id name projectName projectSlug createdAt train validation test } }"): (typeof documents)["query TrainableSnapshots { trainableSnapshots { id name projectName projectSlug createdAt train validation test } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StartRewardModelRun($snapshotId: ID!, $input: StartRunInput) { startRewardModelRun(snapshotId: $snapshotId, input: $input) { id } }"): (typeof documents)["mutation StartRewardModelRun($snapshotId: ID!, $input: StartRunInput) { startRewardModelRun(snapshotId: $snapshotId, input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StartPpoRun($rewardModelRunId: ID!, $input: StartRunInput) { startPpoRun(rewardModelRunId: $rewardModelRunId, input: $input) { id } }"): (typeof documents)["mutation StartPpoRun($rewardModelRunId: ID!, $input: StartRunInput) { startPpoRun(rewardModelRunId: $rewardModelRunId, input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnapshotManifest($id: ID!) { datasetSnapshot(id: $id) { id manifest } }"): (typeof documents)["query SnapshotManifest($id: ID!) { datasetSnapshot(id: $id) { id manifest } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }"): (typeof documents)["mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;