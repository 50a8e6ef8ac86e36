/**
 * Cause–effect links of the demo scorecards, by objective title (cause → effect). They run up
 * the map: staff → processes → customers → finance → mandate; a link may skip a perspective.
 * Every city's scorecard of a field gets the same links, so the strategy map shows what it is
 * for. The titles are the catalogue's: a typo stops the seed.
 */
export const demoObjectiveLinks: Readonly<Record<string, readonly (readonly [string, string])[]>> =
	{
		'geodaten-management': [
			['Fachkompetenz in GIS-Technologien sichern', 'Auskünfte schnell bearbeiten'],
			['Auskünfte schnell bearbeiten', 'Geodaten offen und nutzerfreundlich bereitstellen'],
			['Auskünfte schnell bearbeiten', 'Kostendeckung der Vermessungsleistungen erhöhen'],
			[
				'Geodaten offen und nutzerfreundlich bereitstellen',
				'Aktuelles Liegenschaftskataster sicherstellen'
			],
			[
				'Kostendeckung der Vermessungsleistungen erhöhen',
				'Aktuelles Liegenschaftskataster sicherstellen'
			]
		],
		'personal-management': [
			['Gesundheit der Beschäftigten fördern', 'Stellen zügig besetzen'],
			['Stellen zügig besetzen', 'Bewerbungsverfahren bewerberfreundlich gestalten'],
			['Stellen zügig besetzen', 'Personalverwaltung wirtschaftlich organisieren'],
			['Bewerbungsverfahren bewerberfreundlich gestalten', 'Nachwuchs für die Verwaltung sichern']
		],
		beihilfe: [
			['Beihilferecht-Know-how sichern', 'Rechtssichere Festsetzung gewährleisten'],
			['Beihilferecht-Know-how sichern', 'Produktivität der Sachbearbeitung steigern'],
			['Produktivität der Sachbearbeitung steigern', 'Bearbeitungskosten senken'],
			['Rechtssichere Festsetzung gewährleisten', 'Beihilfe zügig und korrekt festsetzen'],
			['Digitale Antragstellung anbieten', 'Beihilfe zügig und korrekt festsetzen']
		],
		'service-center-d115': [
			['Servicekräfte qualifizieren', 'Erreichbarkeit vorausschauend steuern'],
			['Servicekräfte qualifizieren', 'Anliegen beim ersten Kontakt abschließend klären'],
			['Erreichbarkeit vorausschauend steuern', 'D115-Serviceversprechen einhalten'],
			['Erreichbarkeit vorausschauend steuern', 'Service-Center wirtschaftlich betreiben'],
			['D115-Serviceversprechen einhalten', 'Behördennummer 115 als ersten Zugang etablieren']
		],
		'finanz-management': [
			['Doppik-Kompetenz ausbauen', 'Rechnungen schnell und medienbruchfrei bearbeiten'],
			['Doppik-Kompetenz ausbauen', 'Forderungen konsequent realisieren'],
			['Rechnungen schnell und medienbruchfrei bearbeiten', 'Zahlungsvorteile konsequent nutzen'],
			[
				'Rechnungen schnell und medienbruchfrei bearbeiten',
				'Elektronischen Rechnungsverkehr mit Lieferanten ausbauen'
			],
			[
				'Elektronischen Rechnungsverkehr mit Lieferanten ausbauen',
				'Zahlungsvorteile konsequent nutzen'
			]
		],
		archivierung: [
			['Archivfachliche Qualifikation sichern', 'Anfragen zügig beantworten'],
			['Archivfachliche Qualifikation sichern', 'Archivgut digital nutzbar machen'],
			['Anfragen zügig beantworten', 'Archivbestände zugänglich machen'],
			['Archivgut digital nutzbar machen', 'Archivbestände zugänglich machen']
		],
		'kfz-zulassungswesen': [
			['Erfahrene Beschäftigte halten', 'Produktivität der Zulassungsstelle steigern'],
			[
				'Produktivität der Zulassungsstelle steigern',
				'Wartezeiten für Bürgerinnen und Bürger verkürzen'
			],
			['Produktivität der Zulassungsstelle steigern', 'Zulassungsstelle kostendeckend betreiben']
		],
		geschaeftsprozessoptimierung: [
			['Methodenkompetenz aufbauen', 'Methoden und Werkzeuge vereinheitlichen'],
			[
				'Methoden und Werkzeuge vereinheitlichen',
				'Projekte verlässlich für die Fachbereiche umsetzen'
			],
			['Methoden und Werkzeuge vereinheitlichen', 'Gemeinsame Prozessbibliothek aufbauen'],
			['Methoden und Werkzeuge vereinheitlichen', 'Wirtschaftlichkeitseffekte nachweisen'],
			[
				'Projekte verlässlich für die Fachbereiche umsetzen',
				'Wirtschaftlichkeitseffekte nachweisen'
			]
		],
		'einkauf-vergabe-beschaffung': [
			['Vergabekompetenz stärken', 'Rechtssichere Vergaben gewährleisten'],
			['Vergabekompetenz stärken', 'Vergabeverfahren beschleunigen'],
			['Vergabeverfahren beschleunigen', 'Bieterfreundliche e-Vergabe anbieten'],
			['Rechtssichere Vergaben gewährleisten', 'Beschaffung interkommunal bündeln'],
			['Bieterfreundliche e-Vergabe anbieten', 'Beschaffung interkommunal bündeln']
		],
		'elektronische-antragsverfahren': [
			['Medienbruchfreie Verfahren mit eID umsetzen', 'Online-Antrag zur ersten Wahl machen'],
			['Medienbruchfreie Verfahren mit eID umsetzen', 'Aufwand je Antrag senken'],
			['Medienbruchfreie Verfahren mit eID umsetzen', 'Verwaltungsleistungen online anbieten'],
			['Online-Antrag zur ersten Wahl machen', 'Aufwand je Antrag senken']
		]
	};
