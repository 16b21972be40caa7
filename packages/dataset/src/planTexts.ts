/**
 * The Danish texts of the demo HOI plans: overall goals in the citizen's own words, sub-goals,
 * agreements, comments and meeting titles per sector area.
 */
import type { SectorArea } from '@hoi/domain';

/** Texts per sector area. */
export type AreaTexts = Readonly<Record<SectorArea, readonly string[]>>;

/** Overall goals in the citizen's words; an area-bound one only where the plan has that area. */
export const OVERALL_GOALS: readonly { readonly text: string; readonly area: SectorArea | null }[] =
  [
    {
      text: 'Jeg vil gerne have et arbejde, hvor jeg kan bruge mine hænder, og have styr på min økonomi',
      area: null,
    },
    {
      text: 'Jeg vil gerne have en hverdag med faste rammer og komme tilbage på arbejdsmarkedet',
      area: null,
    },
    { text: 'Jeg vil gerne tjene mine egne penge og ikke være afhængig af kommunen', area: null },
    {
      text: 'Jeg vil gerne have én plan, som alle følger, så jeg ikke skal fortælle min historie igen og igen',
      area: null,
    },
    {
      text: 'Jeg vil gerne arbejde udendørs eller med dyr og have det godt med mig selv',
      area: null,
    },
    {
      text: 'Jeg vil gerne have et job med gode kolleger, hvor jeg føler, at jeg gør en forskel',
      area: null,
    },
    {
      text: 'Jeg vil gerne have min egen lejlighed og klare mig selv med lidt støtte',
      area: 'SOCIAL_ADULT',
    },
    {
      text: 'Jeg vil gerne have styr på min gæld og komme i gang med et fleksjob',
      area: 'SOCIAL_ADULT',
    },
    {
      text: 'Jeg vil gerne være et godt forbillede for mine børn og have et job, der passer til mit helbred',
      area: 'CHILDREN_FAMILY',
    },
    {
      text: 'Jeg vil gerne have overskud til mine børn og et arbejde, der passer med deres skoletider',
      area: 'CHILDREN_FAMILY',
    },
    {
      text: 'Jeg vil gerne have det bedre med min ryg, så jeg kan arbejde nogle timer om ugen',
      area: 'HEALTH',
    },
    {
      text: 'Jeg vil gerne kunne klare en almindelig arbejdsdag og sove om natten',
      area: 'HEALTH',
    },
    {
      text: 'Jeg vil gerne have en uddannelse, så jeg kan få et job, jeg er glad for',
      area: 'EDUCATION',
    },
    { text: 'Jeg vil gerne lære bedre dansk og få et arbejde i et køkken', area: 'EDUCATION' },
    {
      text: 'Jeg vil gerne være fri af stofferne og have noget at stå op til om morgenen',
      area: 'ADDICTION',
    },
    {
      text: 'Jeg vil gerne stoppe med at drikke og have et arbejde, hvor jeg passer ind',
      area: 'ADDICTION',
    },
  ];

export const SUB_GOALS: AreaTexts = {
  EMPLOYMENT: [
    'Jeg er i virksomhedspraktik 12 timer om ugen inden for lager og logistik',
    'Jeg har afklaret, hvor mange timer om ugen jeg kan arbejde',
    'Jeg har et opdateret CV og søger to relevante job om måneden',
    'Jeg har gennemført et AMU-kursus i truckkørsel',
    'Jeg møder stabilt op i praktikken og giver besked, hvis jeg er syg',
    'Jeg er ansat med løntilskud i en lokal virksomhed',
    'Min sag er forelagt rehabiliteringsteamet med en afklaret arbejdsevne',
    'Jeg ved, om fleksjob er en mulighed for mig',
  ],
  SOCIAL_ADULT: [
    'Jeg betaler husleje og regninger til tiden',
    'Jeg har overblik over min gæld og en afdragsordning, jeg kan overholde',
    'Jeg har en fast døgnrytme og står op før kl. 9 på hverdage',
    'Jeg bor i min egen lejlighed med bostøtte',
    'Jeg læser min digitale post en gang om ugen',
    'Jeg deltager i et fællesskab uden for hjemmet en gang om ugen',
    'Jeg handler ind og laver selv mad de fleste dage',
  ],
  CHILDREN_FAMILY: [
    'Mine børn kommer i skole hver dag og til tiden',
    'Vi har faste rutiner om morgenen og ved sengetid',
    'Jeg deltager i forældremøder og skole-hjem-samtaler',
    'Samværet med min søn foregår fast hver anden weekend',
    'Familien har gennemført forløbet med familiebehandling',
    'Jeg har overskud til at være sammen med mine børn om eftermiddagen',
    'Vi har en plan for, hvem der henter og bringer børnene, når jeg er i praktik',
  ],
  HEALTH: [
    'Jeg går til genoptræning to gange om ugen og laver øvelserne hjemme',
    'Jeg sover bedre og har færre dage med smerter',
    'Jeg går en tur på 30 minutter hver dag',
    'Jeg tager min medicin, som jeg har aftalt med lægen',
    'Mine rygsmerter er udredt, og jeg ved, hvad jeg kan tåle',
    'Jeg har lært at håndtere angst og uro i hverdagen',
    'Jeg har været hos tandlægen og har en plan for behandlingen',
  ],
  EDUCATION: [
    'Jeg går på FGU og møder op fire dage om ugen',
    'Jeg har bestået Danskuddannelse 2, modul 4',
    'Jeg har valgt en uddannelse, som jeg vil søge ind på',
    'Jeg har fået ordblindeundervisning og læser bedre',
    'Jeg har gennemført et brobygningsforløb til en erhvervsuddannelse',
    'Min uddannelse fra mit hjemland er vurderet og godkendt',
    'Jeg har en plan for lektier, som jeg kan følge',
  ],
  ADDICTION: [
    'Jeg er stoffri og afleverer rene urinprøver',
    'Jeg drikker ikke alkohol på hverdage',
    'Jeg deltager fast i behandlingen i misbrugscentret',
    'Jeg har været afholdende i tre måneder',
    'Jeg ved, hvad jeg gør, når trangen kommer',
    'Jeg er stabil i min substitutionsbehandling',
    'Jeg har venner og aktiviteter uden stoffer og alkohol',
  ],
};

/** Agreements: who does what, in the words used at the meeting. */
export const AGREEMENTS: AreaTexts = {
  EMPLOYMENT: [
    'Jobkonsulenten finder en praktikplads inden for lager, og jeg tager med til den første samtale',
    'Jeg opdaterer mit CV sammen med min mentor',
    'Jobcentret bevilger et AMU-kursus i truckkørsel, og jeg tilmelder mig',
    'Jeg søger to job om måneden og viser dem til min jobkonsulent',
    'Jobkonsulenten indhenter en lægeattest til rehabiliteringsteamet',
    'Jeg ringer til praktikstedet før kl. 8, hvis jeg er syg',
    'Mentoren ringer til mig om mandagen og hjælper mig med at planlægge ugen',
    'Jeg deltager i jobsøgningsforløbet hver tirsdag formiddag',
  ],
  SOCIAL_ADULT: [
    'Bostøttemedarbejderen kommer hver torsdag, og vi åbner posten sammen',
    'Socialrådgiveren hjælper mig med at søge om hjælp til depositum',
    'Jeg laver et budget med min bostøtte og følger det hver måned',
    'Jeg kontakter gældsrådgivningen og tager mine papirer med',
    'Min kontaktperson går med til det første møde i foreningen',
    'Jeg tilmelder husleje og el til Betalingsservice',
    'Socialrådgiveren søger om en plads i et midlertidigt botilbud, og jeg ser stedet først',
  ],
  CHILDREN_FAMILY: [
    'Familiebehandleren kommer hjemme hos os hver anden uge',
    'Jeg deltager i skole-hjem-samtalen og fortæller min rådgiver, hvordan det gik',
    'Børnerådgiveren taler med skolen, så praktiktiderne passer med afhentning',
    'Jeg laver en ugeplan for morgenrutinerne sammen med familiebehandleren',
    'Rådgiveren undersøger, om vi kan få en aflastningsfamilie',
    'Jeg melder mig til kommunens forældrekursus',
    'Jeg kontakter skolen samme dag, hvis min datter bliver hjemme',
  ],
  HEALTH: [
    'Jeg bestiller tid hos min læge om smerterne inden næste opfølgning',
    'Fysioterapeuten laver et træningsprogram, som jeg kan følge hjemme',
    'Jeg deltager i kommunens forløb om søvn og stress',
    'Jeg giver samtykke til, at jobcentret må indhente oplysninger fra min læge',
    'Sygeplejersken hjælper mig med at dosere min medicin i en ugeæske',
    'Jeg går til tandlægen, og socialrådgiveren ser på, om jeg kan få hjælp til regningen',
    'Sundhedscentret ringer til mig om et forløb med motion',
  ],
  EDUCATION: [
    'Vejlederen i ungeindsatsen hjælper mig med at søge ind på FGU',
    'Jeg møder op til danskundervisning tre gange om ugen',
    'Jobcentret undersøger, om jeg kan få ordblindeundervisning',
    'Jeg besøger to erhvervsskoler sammen med min kontaktperson',
    'Studievejlederen hjælper mig med at lægge en plan for lektierne',
    'Vejlederen sender mine eksamenspapirer til vurdering',
    'Jeg tilmelder mig optagelsesprøven inden fristen',
  ],
  ADDICTION: [
    'Jeg møder til samtale i misbrugscentret hver onsdag',
    'Behandleren og jobkonsulenten aftaler, hvordan behandlingen passer med praktikken',
    'Jeg afleverer urinprøve hver anden uge',
    'Jeg deltager i gruppeforløbet om at undgå tilbagefald',
    'Jeg siger det til min behandler, hvis jeg får et tilbagefald, så vi kan lægge en ny plan',
    'Lægen i misbrugscentret følger op på min medicin en gang om måneden',
    'Jeg finder en fritidsaktivitet sammen med min støttekontaktperson',
  ],
};

/** The citizen's own comments on agreements (only the citizen writes them). */
export const CITIZEN_COMMENTS: readonly string[] = [
  'Det er svært for mig at komme op om morgenen, men jeg prøver.',
  'Jeg vil gerne have, at vi tager det lidt langsommere.',
  'Det gik godt i sidste uge. Jeg var der hver dag.',
  'Jeg har brug for hjælp til at forstå brevene fra kommunen.',
  'Jeg synes, det er godt, at alle nu ved det samme om min situation.',
  'Jeg kan ikke om fredagen, fordi jeg har børnene.',
  'Det her er vigtigt for mig, så jeg gør mit bedste.',
  'Jeg er nervøs for at starte, men jeg glæder mig også.',
  'Kan vi mødes et andet sted end på jobcentret?',
  'Jeg har ringet, men har ikke fået svar endnu.',
];

export const SHARED_MEETING_TITLES: readonly string[] = [
  'Netværksmøde',
  'Opfølgning på planen',
  'Statusmøde om den samlede plan',
  'Samtale med koordinerende sagsbehandler',
];

export const MEETING_TITLES: AreaTexts = {
  EMPLOYMENT: [
    'Møde med jobcenteret',
    'Samtale med jobkonsulent',
    'Opfølgning på virksomhedspraktik',
    'Møde i rehabiliteringsteamet',
  ],
  SOCIAL_ADULT: [
    'Møde med bostøttemedarbejder',
    'Samtale med socialrådgiver',
    'Opfølgning på handleplan',
  ],
  CHILDREN_FAMILY: [
    'Møde med familiebehandler',
    'Samtale med børnerådgiver',
    'Skolemøde om børnenes trivsel',
  ],
  HEALTH: ['Samtale i sundhedscentret', 'Træning med fysioterapeut', 'Opfølgning hos egen læge'],
  EDUCATION: [
    'Vejledningssamtale om uddannelse',
    'Møde med FGU-vejleder',
    'Samtale med kontaktperson i ungeindsatsen',
  ],
  ADDICTION: ['Samtale i misbrugscentret', 'Behandlingssamtale', 'Opfølgning på behandlingen'],
};
