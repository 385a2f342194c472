import { formatDatum } from '../../format';
import { organisatieNaam, partnerNaam } from '../../partners';
import type { Grondslag } from './queries';
import { woord } from './woorden';

const rol = (value: string): string => woord('rol', value).toLowerCase();

/**
 * The reasons the hub gives (in English, its API language) for what it withholds or refuses, in the
 * Dutch of the people at the table. The page shows the hub's own words beside them; a reason this list
 * does not know is shown as the hub gave it.
 */
const REDENEN: [RegExp, (match: RegExpExecArray, grondslag?: Grondslag) => string][] = [
  [
    /^The scope of this case conference does not include (\S+)\.$/,
    (m, grondslag) =>
      grondslag === 'WETTELIJK'
        ? `Buiten de wettelijke grondslag: ${partnerNaam(m[1])} deelt onder deze wet in dit casusoverleg geen gegevens.`
        : grondslag === 'TOESTEMMING'
          ? `Buiten de toestemming: de inwoner gaf geen toestemming om gegevens van ${partnerNaam(m[1])} te delen.`
          : `Buiten de toestemming of grondslag: ${partnerNaam(m[1])} deelt in dit casusoverleg geen gegevens.`,
  ],
  [/^The resident has withdrawn consent\.$/, () => 'De inwoner heeft de toestemming ingetrokken.'],
  [
    /^The consent expired after (\d{4}-\d{2}-\d{2})\.$/,
    (m) => `De toestemming is verlopen: ${formatDatum(m[1] ?? '')} was de laatste dag.`,
  ],
  [
    /^The consent holds from (\d{4}-\d{2}-\d{2})\.$/,
    (m) => `De toestemming geldt pas vanaf ${formatDatum(m[1] ?? '')}.`,
  ],
  [
    /^No consent of the resident is recorded for this case conference\.$/,
    () => 'Voor dit casusoverleg is (nog) geen toestemming van de inwoner vastgelegd.',
  ],
  [
    /^The consent has no recorded evidence/,
    () =>
      'Bij de toestemming is geen bewijs vastgelegd: een deelnemer legt haar opnieuw vast, met een verwijzing naar het bewijs.',
  ],
  [
    /^The consent runs longer than 12 months/,
    () => 'De toestemming loopt langer dan 12 maanden: een deelnemer legt haar opnieuw vast.',
  ],
  [
    /^The consent was recorded by the employee who opened the case conference/,
    () =>
      'De toestemming is vastgelegd door wie het casusoverleg opende: een andere deelnemer legt haar opnieuw vast (vier ogen).',
  ],
  [/^The case conference is closed\.$/, () => 'Het casusoverleg is gesloten.'],
  [
    /^The combined situation of a case conference is shown for purpose casusoverleg only\.$/,
    () => 'De situatie van de inwoner is alleen te zien met de doelbinding casusoverleg.',
  ],
  [
    /^Only participants of the case conference see the resident’s combined situation\.$/,
    () => 'Alleen deelnemers aan het casusoverleg zien de situatie van de inwoner.',
  ],
  [
    /^Only participants of this case conference and the KLANTMANAGERs that hold its regie have access\.$/,
    () => 'Alleen deelnemers aan dit casusoverleg en de klantmanagers die de regie hebben, hebben toegang.',
  ],
  [
    /^You take part in this case conference as (\w+), but your token does not carry that role/,
    (m) =>
      `U staat op de deelnemerslijst als ${rol(m[1] ?? '')}, maar u bent niet in die rol aangemeld. Alleen casusrollen nemen deel, nooit een analist of privacy officer.`,
  ],
  [
    /^Only case roles take part in case conferences(?:: at (\S+) that is (\w+))?; never ANALIST or PRIVACY_OFFICER\.$/,
    (m) =>
      `Alleen medewerkers in een casusrol nemen deel aan casusoverleggen${
        m[1] && m[2] ? ` (bij ${organisatieNaam(m[1])} is dat de ${rol(m[2])})` : ''
      }; een analist of privacy officer nooit.`,
  ],
  [
    /^(.+) is a bill, not a statute in force: it gives no legal basis/,
    (m) => `${m[1] ?? ''} is een wetsvoorstel, geen geldende wet: het geeft geen grondslag.`,
  ],
  [
    /^(.+) is in force only from (\d{4}-\d{2}-\d{2}): it gives no legal basis on (\d{4}-\d{2}-\d{2})\.$/,
    (m) =>
      `${m[1] ?? ''} geldt pas vanaf ${formatDatum(m[2] ?? '')}: op ${formatDatum(m[3] ?? '')} geeft de wet geen grondslag.`,
  ],
  [
    /^(.+) was repealed as of (\d{4}-\d{2}-\d{2}): it gives no legal basis any more\.$/,
    (m) => `${m[1] ?? ''} is vervallen per ${formatDatum(m[2] ?? '')}: de wet geeft geen grondslag meer.`,
  ],
  [
    /^The statute of this case conference is not in the register of legal bases\.$/,
    () => 'De wet van dit casusoverleg staat niet in het register van wettelijke grondslagen.',
  ],
  [
    /^(?:Case-conference data is opened only by a verified consent grant|The consent grant)/,
    () => 'De ketenpartner kon de toegang van dit casusoverleg niet controleren en gaf zijn deel niet.',
  ],
  [/^There is no consent to withdraw\.$/, () => 'Er is geen toestemming (meer) om in te trekken.'],
  [/^Unknown case conference\.$/, () => 'Dit casusoverleg bestaat niet.'],
  [
    /^Subgraph (\S+) (?:is not available|cannot reach its database)/,
    (m) => `${partnerNaam(m[1])} is nu niet bereikbaar; dit deel ontbreekt.`,
  ],
  [
    /^Subgraph (\S+) could not write its processing log/,
    (m) =>
      `${partnerNaam(m[1])} kon de raadpleging niet loggen en geeft daarom zijn deel niet (zonder logregel geen gegevens).`,
  ],
];

/** The hub's reason in Dutch, or null when this page does not know it. */
export function redenInWoorden(message: string, grondslag?: Grondslag): string | null {
  for (const [patroon, zin] of REDENEN) {
    const match = patroon.exec(message);
    if (match) return zin(match, grondslag);
  }
  return null;
}
