/**
 * Names, KLE numbers and legal bases for the synthetic dataset (domain.md §9). The area of
 * every entry follows from its KLE number (domain.md §7); a test checks they agree.
 */
import type { SectorArea } from '@hoi/domain';

/** A case title with its KLE number and area. */
export interface CaseKind {
  readonly title: string;
  readonly kle: string;
  readonly area: SectorArea;
}

/** A benefit (ydelse) type. `hoiListed`: one of the benefits of the HOI mandatory group. */
export interface BenefitKind {
  readonly name: string;
  readonly kle: string;
  readonly area: SectorArea;
  readonly hoiListed: boolean;
}

/** An intervention (indsats) type. `hoiSocial`: SEL §85, §§107/108 or addiction treatment. */
export interface InterventionKind {
  readonly title: string;
  readonly kle: string;
  readonly area: SectorArea;
  readonly legalBasis: string | null;
  readonly hoiSocial: boolean;
}

const c = (title: string, kle: string, area: SectorArea): CaseKind => ({ title, kle, area });

/** KLE of the HOI case (helhedsorienteret plan, beskæftigelsesindsats): its citizens are screened out. */
export const HOI_CASE_KLE = '15.17.30';
/** Title of the HOI case. */
export const HOI_CASE_TITLE = 'Helhedsorienteret plan – beskæftigelsesindsats';

/** Case titles per area (domain.md §9.3). */
export const CASE_KINDS: Readonly<Record<SectorArea, readonly CaseKind[]>> = {
  EMPLOYMENT: [
    c('Kontanthjælp – aktivitetsparat', '32.24.04', 'EMPLOYMENT'),
    c('Sygedagpengeopfølgning', '15.17.06', 'EMPLOYMENT'),
    c('Jobafklaringsforløb', '15.17.26', 'EMPLOYMENT'),
    c('Ressourceforløb', '15.17.22', 'EMPLOYMENT'),
    c('Min Plan – beskæftigelsesindsats', '15.20.01', 'EMPLOYMENT'),
    c('Rehabiliteringsteam – forelæggelse', '15.17.18', 'EMPLOYMENT'),
    c('Visitation til fleksjob', '15.20.24', 'EMPLOYMENT'),
    c('Ledighedsydelse', '32.24.12', 'EMPLOYMENT'),
    c(HOI_CASE_TITLE, HOI_CASE_KLE, 'EMPLOYMENT'),
  ],
  SOCIAL_ADULT: [
    c('Socialpædagogisk bistand efter § 85', '27.36.12', 'SOCIAL_ADULT'),
    c('Bostøtte efter § 85 a', '27.36.14', 'SOCIAL_ADULT'),
    c('Midlertidigt botilbud efter § 107', '27.57.04', 'SOCIAL_ADULT'),
    c('Handleplan, voksne', '27.12.12', 'SOCIAL_ADULT'),
    c('Støtte- og kontaktperson', '27.48.08', 'SOCIAL_ADULT'),
    c('Beskyttet beskæftigelse', '27.54.04', 'SOCIAL_ADULT'),
    c('Ophold på forsorgshjem/herberg efter § 110', '27.57.16', 'SOCIAL_ADULT'),
    c('Hjælp til enkeltudgifter', '32.21.12', 'SOCIAL_ADULT'),
  ],
  ADDICTION: [
    c('Social behandling for stofmisbrug', '27.51.04', 'ADDICTION'),
    c('Alkoholbehandling', '29.24.04', 'ADDICTION'),
    c('Lægelig behandling for stofmisbrug', '29.24.08', 'ADDICTION'),
  ],
  CHILDREN_FAMILY: [
    c('Børnefaglig undersøgelse', '34.10.10', 'CHILDREN_FAMILY'),
    c('Underretning', '34.10.30', 'CHILDREN_FAMILY'),
    c('Støttende indsats – familiebehandling', '34.15.25', 'CHILDREN_FAMILY'),
    c('Anbringelse uden for hjemmet', '34.25.00', 'CHILDREN_FAMILY'),
    c('Forældrehandleplan', '34.40.15', 'CHILDREN_FAMILY'),
    c('Merudgiftsydelse, barn med funktionsnedsættelse', '34.45.30', 'CHILDREN_FAMILY'),
  ],
  HEALTH: [
    c('Genoptræning efter sundhedsloven', '29.21.00', 'HEALTH'),
    c('Kommunal sygepleje', '29.18.00', 'HEALTH'),
    c('Forebyggelse og sundhedsfremme', '29.09.00', 'HEALTH'),
  ],
  EDUCATION: [
    c('Særligt tilrettelagt ungdomsuddannelse (STU)', '54.18.05', 'EDUCATION'),
    c('Forberedende grunduddannelse (FGU)', '54.42.00', 'EDUCATION'),
    c('Kontaktperson, kommunal ungeindsats', '17.27.30', 'EDUCATION'),
    c('Danskuddannelse til voksne udlændinge', '54.15.00', 'EDUCATION'),
    c('Specialundervisning for voksne', '54.06.00', 'EDUCATION'),
  ],
};

const b = (name: string, kle: string, area: SectorArea, hoiListed: boolean): BenefitKind => ({
  name,
  kle,
  area,
  hoiListed,
});

/** Benefits (domain.md §9.1); Boligsikring (UDK, outside the six areas) is left out. */
export const BENEFIT_KINDS: readonly BenefitKind[] = [
  b('Kontanthjælp', '32.24.04', 'EMPLOYMENT', true),
  b('Uddannelseshjælp', '32.24.04', 'EMPLOYMENT', true),
  b('Sygedagpenge', '32.30.04', 'EMPLOYMENT', true),
  b('Ressourceforløbsydelse (ressourceforløb)', '32.24.28', 'EMPLOYMENT', true),
  b('Ressourceforløbsydelse (jobafklaringsforløb)', '32.24.30', 'EMPLOYMENT', true),
  b('Ledighedsydelse', '32.24.12', 'EMPLOYMENT', true),
  b('Revalideringsydelse', '32.24.08', 'EMPLOYMENT', true),
  b('Fleksløntilskud', '32.27.10', 'EMPLOYMENT', false),
  b('Hjælp til enkeltudgifter (enkeltydelse)', '32.21.12', 'SOCIAL_ADULT', false),
  b('Merudgiftsydelse til voksne', '32.18.08', 'SOCIAL_ADULT', false),
  b('Særlig støtte efter aktivloven', '32.24.34', 'EMPLOYMENT', false),
  b('Hjælp til flytning', '32.21.24', 'SOCIAL_ADULT', false),
  b('Befordringsgodtgørelse', '15.20.38', 'EMPLOYMENT', false),
];

const i = (
  title: string,
  area: SectorArea,
  legalBasis: string | null,
  kle: string,
  hoiSocial = false,
): InterventionKind => ({ title, area, legalBasis, kle, hoiSocial });

/** Interventions (domain.md §9.2). */
export const INTERVENTION_KINDS: readonly InterventionKind[] = [
  i('Socialpædagogisk støtte (bostøtte)', 'SOCIAL_ADULT', 'SEL § 85', '27.36.12', true),
  i('Socialpædagogisk støtte til beskæftigelse', 'SOCIAL_ADULT', 'SEL § 85', '27.36.12', true),
  i('Midlertidigt botilbud til voksne', 'SOCIAL_ADULT', 'SEL § 107', '27.57.04', true),
  i('Længerevarende botilbud til voksne', 'SOCIAL_ADULT', 'SEL § 108', '27.57.08', true),
  i('Beskyttet beskæftigelse', 'SOCIAL_ADULT', 'SEL § 103', '27.54.04'),
  i('Aktivitets- og samværstilbud', 'SOCIAL_ADULT', 'SEL § 104', '27.54.08'),
  i('Individuel tidsbegrænset socialpædagogisk støtte', 'SOCIAL_ADULT', 'SEL § 82 b', '27.35.20'),
  i('Social behandling for stofmisbrug (ambulant)', 'ADDICTION', 'SEL § 101', '27.51.04', true),
  i('Alkoholbehandling (ambulant)', 'ADDICTION', 'SUL § 141', '29.24.04', true),
  i('Virksomhedspraktik', 'EMPLOYMENT', 'LAB § 91', '15.18.05'),
  i('Ansættelse med løntilskud', 'EMPLOYMENT', 'LAB § 105', '15.18.10'),
  i('Mentorstøtte', 'EMPLOYMENT', 'LAB § 135', '15.20.36'),
  i('Vejledning og opkvalificering (AMU-kursus)', 'EMPLOYMENT', 'LAB § 82', '15.18.20'),
  i('Støtte- og kontaktperson', 'SOCIAL_ADULT', 'SEL § 99', '27.48.08'),
  i('Familiebehandling (støttende indsats)', 'CHILDREN_FAMILY', 'Barnets lov § 32', '34.15.25'),
  i('Genoptræning efter sundhedsloven', 'HEALTH', 'SUL § 140', '29.21.00'),
  i('STU – særligt tilrettelagt ungdomsuddannelse', 'EDUCATION', 'STU-loven § 1', '54.18.11'),
  i('Kontaktperson i den kommunale ungeindsats', 'EDUCATION', null, '17.27.30'),
];

/** STAR contact groups with the benefit that usually goes with them. */
export const CONTACT_GROUPS: readonly { readonly group: string; readonly benefit: string }[] = [
  { group: 'Kontanthjælpsmodtager, aktivitetsparat', benefit: 'Kontanthjælp' },
  { group: 'Kontanthjælpsmodtager, jobparat', benefit: 'Kontanthjælp' },
  { group: 'Uddannelseshjælpsmodtager, aktivitetsparat', benefit: 'Uddannelseshjælp' },
  { group: 'Sygedagpengemodtager', benefit: 'Sygedagpenge' },
  { group: 'Ressourceforløb', benefit: 'Ressourceforløbsydelse (ressourceforløb)' },
  { group: 'Jobafklaringsforløb', benefit: 'Ressourceforløbsydelse (jobafklaringsforløb)' },
  { group: 'Ledighedsydelsesmodtager', benefit: 'Ledighedsydelse' },
  { group: 'Revalidend', benefit: 'Revalideringsydelse' },
];

/** Visitation categories (domain.md §5). */
export const VISITATIONS = [
  'JOBPARAT',
  'AKTIVITETSPARAT',
  'UDDANNELSESPARAT',
  'RESSOURCEFORLOEB',
  'JOBAFKLARINGSFORLOEB',
  'FLEKSJOB_VISITERET',
  'LEDIGHEDSYDELSE',
] as const;

/** Job goals for Min Plan. */
export const JOB_GOALS = [
  'Lagermedarbejder',
  'Social- og sundhedshjælper',
  'Butiksassistent',
  'Rengøringsassistent',
  'Køkkenmedhjælper',
  'Chauffør',
  'Pædagogmedhjælper',
  'Anlægsgartner',
  'Kontorassistent',
  'Tømrerlærling',
  'Ordinær uddannelse (FGU)',
] as const;

/** Source systems that report to the case index. */
export const SOURCE_SYSTEMS: Readonly<Record<SectorArea, readonly string[]>> = {
  EMPLOYMENT: ['Momentum', 'Fasit'],
  SOCIAL_ADULT: ['Nexus', 'Cura'],
  ADDICTION: ['Nexus', 'Fasit'],
  CHILDREN_FAMILY: ['DUBU', 'Nexus'],
  HEALTH: ['Cura', 'Nexus'],
  EDUCATION: ['UngeGuiden', 'Nexus'],
};
