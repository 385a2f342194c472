/**
 * Werkplein: employers, their vacancies and the placements of residents. Employer and vacancy ids are
 * assigned here (plaatsing refers to them), running on across the copies of a scaled population.
 */
import { TEMPLATES, type Template } from './calibration';
import { day, HISTORY_END, iso, offMonthEnd } from './dates';
import { bedrijfsnaam, SECTOR_GEWICHTEN, SECTOREN, vacaturetitel, type Sector } from './names';
import type { Persoon } from './persons';
import type { Random } from './random';
import type { PlaatsingRow, PlaatsingSoort, Population, VacatureRow, WerkgeverRow } from './tables';

/** Ids handed out so far; shared by all regions of one population so ids stay unique. */
export interface IdCounters {
  werkgever: number;
  vacature: number;
}

/** Employers per municipality and vacancies per municipality per year, at factor 1. */
const WERKGEVERS: Record<Template, number> = { hengelo: 320, borne: 70, haaksbergen: 75, enschede: 780 };
const VACATURES_PER_JAAR: Record<Template, number> = {
  hengelo: 260,
  borne: 45,
  haaksbergen: 45,
  enschede: 620,
};
/** Share of placements at an employer in the resident's own municipality. */
const OWN_MUNICIPALITY = 0.85;

/** Synthetic KvK numbers: 8 digits from 90000000 up, one per employer id. */
export function syntheticKvkNummer(id: number): string {
  return String(90_000_000 + id);
}

interface Employer {
  row: WerkgeverRow;
  sector: Sector;
}

export class Werkplein {
  private readonly employers = new Map<string, Employer[]>();
  /** Vacancies per municipality, sorted by opening day. */
  private readonly vacancies = new Map<string, VacatureRow[]>();
  private readonly employerById = new Map<number, Employer>();

  constructor(
    private readonly rng: Random,
    private readonly ids: IdCounters,
    private readonly codes: Record<Template, string>,
    private readonly out: Population['werkplein'],
  ) {}

  /** Creates the employers and the vacancies of 2021..2025 of every municipality. */
  generate(factor: number): void {
    for (const template of TEMPLATES) {
      const gemeente = this.codes[template];
      const list: Employer[] = [];
      const count = Math.max(3, Math.round(WERKGEVERS[template] * factor));
      for (let i = 0; i < count; i++) {
        const sector = this.rng.weighted(SECTOREN, SECTOR_GEWICHTEN);
        const id = ++this.ids.werkgever;
        const row: WerkgeverRow = {
          id,
          naam: bedrijfsnaam(this.rng, sector),
          kvk_nummer: syntheticKvkNummer(id),
          gemeente,
          sector,
        };
        const employer = { row, sector };
        list.push(employer);
        this.employerById.set(id, employer);
        this.out.werkgever.push(row);
      }
      this.employers.set(gemeente, list);

      const vacancies: VacatureRow[] = [];
      for (let year = 2021; year <= 2025; year++) {
        const perYear = Math.max(1, Math.round(VACATURES_PER_JAAR[template] * factor));
        for (let i = 0; i < perYear; i++) {
          const employer = this.largeEmployer(list);
          const geopend = day(year, 1, 1) + this.rng.int(0, 364);
          const gesloten = geopend + this.rng.int(14, 120);
          vacancies.push({
            id: 0,
            werkgever_id: employer.row.id,
            titel: vacaturetitel(this.rng, employer.sector),
            gemeente,
            geopend: iso(geopend),
            gesloten: gesloten > HISTORY_END ? null : iso(gesloten),
            aantal_plaatsen: this.rng.weighted([1, 2, 3, 4, 6, 10], [60, 20, 10, 5, 3, 2]),
          });
        }
      }
      // Ids in order of opening, so a later vacancy has a higher id, as in a real register.
      vacancies.sort((a, b) => (a.geopend < b.geopend ? -1 : a.geopend > b.geopend ? 1 : 0));
      for (const vacancy of vacancies) {
        vacancy.id = ++this.ids.vacature;
        this.out.vacature.push(vacancy);
      }
      this.vacancies.set(gemeente, vacancies);
    }
  }

  /** Larger employers post more vacancies and take more placements: a skewed pick. */
  private largeEmployer(list: readonly Employer[]): Employer {
    const u = this.rng.next();
    return list[Math.floor(u * u * list.length)] as Employer;
  }

  /** The municipality of the employer of a resident of `gemeente`: mostly the same one. */
  private employerGemeente(gemeente: string): string {
    if (this.rng.chance(OWN_MUNICIPALITY) || !this.employers.has(gemeente)) {
      return this.employers.has(gemeente) ? gemeente : this.codes.hengelo;
    }
    return this.codes[this.rng.pick(TEMPLATES)];
  }

  /** A vacancy of `gemeente` opened in the 150 days before `start`, if there is one. */
  private vacancyBefore(gemeente: string, start: number): VacatureRow | null {
    const list = this.vacancies.get(gemeente) ?? [];
    const from = iso(start - 150);
    const to = iso(start - 1);
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((list[mid] as VacatureRow).geopend < from) low = mid + 1;
      else high = mid;
    }
    let end = low;
    while (end < list.length && (list[end] as VacatureRow).geopend <= to && end - low < 400) end++;
    return end > low ? (list[this.rng.int(low, end - 1)] as VacatureRow) : null;
  }

  /** An employer for someone of `gemeente`, to name on a wage subsidy. */
  employerFor(gemeente: string): WerkgeverRow {
    const list = this.employers.get(this.employerGemeente(gemeente)) ?? [];
    return this.largeEmployer(list).row;
  }

  /**
   * Places a resident: a plaatsing row at `werkgever` (or at an employer found through a recent
   * vacancy), returned so callers can reuse the employer.
   */
  place(
    persoon: Persoon,
    start: number,
    end: number | null,
    soort: PlaatsingSoort,
    metLks: boolean,
    werkgever?: WerkgeverRow,
  ): PlaatsingRow {
    let employerId = werkgever?.id;
    let vacancyId: number | null = null;
    if (soort !== 'PROEFPLAATSING' && this.rng.chance(0.7)) {
      const vacancy = werkgever ? null : this.vacancyBefore(this.employerGemeente(persoon.gemeente), start);
      if (vacancy) {
        employerId = vacancy.werkgever_id;
        vacancyId = vacancy.id;
      }
    }
    employerId ??= this.employerFor(persoon.gemeente).id;
    const row: PlaatsingRow = {
      bsn: persoon.bsn,
      gemeente: persoon.gemeente,
      werkgever_id: employerId,
      vacature_id: vacancyId,
      soort,
      met_lks: metLks,
      startdatum: iso(start),
      einddatum: end === null || end > HISTORY_END ? null : iso(offMonthEnd(end)),
    };
    this.out.plaatsing.push(row);
    return row;
  }

  /** The employer's name, for the LKS row of a placement. */
  employerName(id: number): string {
    return this.employerById.get(id)?.row.naam ?? '';
  }
}
