/** The main pages whose JavaScript `bench:js` measures and tests/e2e/js-budget.spec.ts holds to budget. */
export const mainPages = [
	'/',
	'/overview',
	'/compare',
	'/compare/heatmap',
	'/compare/trend?field=service-center-d115&kpi=D115-ELQ',
	'/cities/koeln/service-center-d115',
	'/cities/koeln/archivierung/entry'
];
