import { vandaag } from '../../../../platform/dag';
import { SUBGRAPH_NAMES } from '../../../../platform/config';
import { isIsoDate } from '../../../../platform/scalars';
import { GRONDSLAGEN, GrondslagStatus, grondslagGebrek, statusOp } from '../grondslagen';

describe('The register of statutory bases of case conferences', () => {
  it('names each statute once, with real dates and known partners', () => {
    expect(new Set(GRONDSLAGEN.map((g) => g.code)).size).toBe(GRONDSLAGEN.length);
    for (const grondslag of GRONDSLAGEN) {
      for (const dag of [grondslag.inWerkingVanaf, grondslag.vervallenPer]) {
        if (dag !== null) expect(isIsoDate(dag)).toBe(true);
      }
      if (grondslag.inWerkingVanaf && grondslag.vervallenPer) {
        expect(grondslag.vervallenPer > grondslag.inWerkingVanaf).toBe(true);
      }
      for (const partner of grondslag.partners) expect(SUBGRAPH_NAMES).toContain(partner);
      expect(grondslag.omschrijving.length).toBeGreaterThan(0);
    }
  });

  it('holds at least one statute in force today, so the statutory path is real', () => {
    const inWerking = GRONDSLAGEN.filter((g) => statusOp(g, vandaag()) === GrondslagStatus.IN_WERKING);
    expect(inWerking.length).toBeGreaterThan(0);
    for (const grondslag of inWerking) expect(grondslag.partners.length).toBeGreaterThan(0);
  });

  it('records the Wams as a bill, which is no basis on any day', () => {
    const wams = GRONDSLAGEN.find((g) => g.code === 'Wams');
    expect(wams).toMatchObject({
      naam: 'Wet aanpak meervoudige problematiek sociaal domein',
      inWerkingVanaf: null,
    });
    if (!wams) return;
    for (const dag of ['2021-01-01', vandaag(), '2099-12-31']) {
      expect(statusOp(wams, dag)).toBe(GrondslagStatus.WETSVOORSTEL);
      expect(grondslagGebrek(wams, dag)).toBe(
        'Wams (Wet aanpak meervoudige problematiek sociaal domein) is a bill, not a statute in force: it gives no legal basis.',
      );
    }
  });
});
