/**
 * What the case conference pages ask the hub, always for purpose `casusoverleg`. The BSN travels only in
 * a request's body and its answer, never in an address: a conference is addressed by its id.
 */

export type Grondslag = 'TOESTEMMING' | 'WETTELIJK';
export type Toestemmingswijze = 'MONDELING' | 'SCHRIFTELIJK' | 'DIGITAAL';
export type ActieStatus = 'OPEN' | 'AFGEROND' | 'VERVALLEN';

export interface Toestemming {
  id: string;
  gegevenOp: string;
  verlooptOp: string;
  partners: string[];
  wijze: Toestemmingswijze;
  bewijs: string | null;
  vastgelegdDoor: string;
  vastgelegdDoorOrganisatie: string;
  vastgelegdOp: string;
  ingetrokkenOp: string | null;
  ingetrokkenDoor: string | null;
  ingetrokkenDoorOrganisatie: string | null;
}

export interface OverlegInLijst {
  id: string;
  titel: string;
  grondslag: Grondslag;
  wettelijkeGrondslag: string | null;
  organisatie: string;
  geopendOp: string;
  geslotenOp: string | null;
  toestemmingen: Pick<Toestemming, 'gegevenOp' | 'verlooptOp' | 'bewijs' | 'ingetrokkenOp'>[];
}

export const MIJN_CASUSOVERLEGGEN = /* GraphQL */ `
  query MijnCasusoverleggen {
    mijnCasusoverleggen {
      id
      titel
      grondslag
      wettelijkeGrondslag
      organisatie
      geopendOp
      geslotenOp
      toestemmingen {
        gegevenOp
        verlooptOp
        bewijs
        ingetrokkenOp
      }
    }
  }
`;

export interface Deelnemer {
  id: string;
  medewerker: string;
  organisatie: string;
  rol: string;
  toegevoegdOp: string;
}

export interface Agendapunt {
  id: string;
  volgorde: number;
  onderwerp: string;
}

export interface Actie {
  id: string;
  eigenaarOrganisatie: string;
  omschrijving: string;
  deadline: string;
  status: ActieStatus;
}

export interface Uitkering {
  id: string;
  regeling: string;
  ingangsdatum: string;
  einddatum: string | null;
  uitstroomreden: string | null;
  bedragPerMaandCenten: number;
}

export interface Loonkostensubsidie {
  id: string;
  werkgever: string;
  loonwaarde: number;
  startdatum: string;
  einddatum: string | null;
}

export interface Inburgering {
  id: string;
  leerroute: string;
  startdatum: string;
  einddatum: string | null;
}

export interface Traject {
  id: string;
  soort: string;
  startdatum: string;
  einddatum: string | null;
  resultaat: string | null;
}

export interface SwDienstverband {
  id: string;
  soort: string;
  startdatum: string;
  einddatum: string | null;
  gedetacheerd: boolean;
}

export interface Plaatsing {
  id: string;
  soort: string;
  metLks: boolean;
  startdatum: string;
  einddatum: string | null;
  werkgever: { naam: string; sector: string };
  vacature: { titel: string } | null;
}

export interface Schuldhulptraject {
  id: string;
  aanmelddatum: string;
  bron: string;
  fase: string;
  budgetbeheer: boolean;
  aantalSchuldeisers: number;
  totaleSchuldCenten: number;
  afgeslotenOp: string | null;
}

export interface Vroegsignaal {
  id: string;
  soort: string;
  datum: string;
  bedragCenten: number;
}

export interface Ontwikkeltraject {
  id: string;
  soort: string;
  startdatum: string;
  einddatum: string | null;
  budgetCenten: number;
}

/** The resident's situation: every field null when the hub withheld it (with an error on its path). */
export interface Casusinzage {
  naam: string | null;
  geboortedatum: string | null;
  uitkeringen: Uitkering[] | null;
  loonkostensubsidies: Loonkostensubsidie[] | null;
  inburgeringen: Inburgering[] | null;
  trajecten: Traject[] | null;
  swDienstverbanden: SwDienstverband[] | null;
  plaatsingen: Plaatsing[] | null;
  schuldhulptrajecten: Schuldhulptraject[] | null;
  vroegsignalen: Vroegsignaal[] | null;
  ontwikkeltrajecten: Ontwikkeltraject[] | null;
}

export interface Casusoverleg {
  id: string;
  titel: string;
  bsn: string;
  gemeente: string;
  grondslag: Grondslag;
  wettelijkeGrondslag: string | null;
  partners: string[];
  geopendOp: string;
  geopendDoor: string;
  organisatie: string;
  geslotenOp: string | null;
  deelnemers: Deelnemer[];
  toestemmingen: Toestemming[];
  agenda: Agendapunt[];
  acties: Actie[];
  inzage: Casusinzage | null;
}

export interface WettelijkeGrondslag {
  code: string;
  naam: string;
  artikel: string | null;
  status: string;
  partners: string[];
}

export interface CasusoverlegAntwoord {
  casusoverleg: Casusoverleg | null;
  grondslagen: WettelijkeGrondslag[] | null;
}

export const CASUSOVERLEG = /* GraphQL */ `
  query Casusoverleg($id: ID!) {
    casusoverleg(id: $id) {
      id
      titel
      bsn
      gemeente
      grondslag
      wettelijkeGrondslag
      partners
      geopendOp
      geopendDoor
      organisatie
      geslotenOp
      deelnemers {
        id
        medewerker
        organisatie
        rol
        toegevoegdOp
      }
      toestemmingen {
        id
        gegevenOp
        verlooptOp
        partners
        wijze
        bewijs
        vastgelegdDoor
        vastgelegdDoorOrganisatie
        vastgelegdOp
        ingetrokkenOp
        ingetrokkenDoor
        ingetrokkenDoorOrganisatie
      }
      agenda {
        id
        volgorde
        onderwerp
      }
      acties {
        id
        eigenaarOrganisatie
        omschrijving
        deadline
        status
      }
      inzage {
        naam
        geboortedatum
        uitkeringen {
          id
          regeling
          ingangsdatum
          einddatum
          uitstroomreden
          bedragPerMaandCenten
        }
        loonkostensubsidies {
          id
          werkgever
          loonwaarde
          startdatum
          einddatum
        }
        inburgeringen {
          id
          leerroute
          startdatum
          einddatum
        }
        trajecten {
          id
          soort
          startdatum
          einddatum
          resultaat
        }
        swDienstverbanden {
          id
          soort
          startdatum
          einddatum
          gedetacheerd
        }
        plaatsingen {
          id
          soort
          metLks
          startdatum
          einddatum
          werkgever {
            naam
            sector
          }
          vacature {
            titel
          }
        }
        schuldhulptrajecten {
          id
          aanmelddatum
          bron
          fase
          budgetbeheer
          aantalSchuldeisers
          totaleSchuldCenten
          afgeslotenOp
        }
        vroegsignalen {
          id
          soort
          datum
          bedragCenten
        }
        ontwikkeltrajecten {
          id
          soort
          startdatum
          einddatum
          budgetCenten
        }
      }
    }
    grondslagen {
      code
      naam
      artikel
      status
      partners
    }
  }
`;

export const TREK_TOESTEMMING_IN = /* GraphQL */ `
  mutation TrekToestemmingIn($id: ID!) {
    trekToestemmingIn(casusoverlegId: $id) {
      id
    }
  }
`;

/** One look made for the conference, as a partner's log records it: never the resident or the employee. */
export interface Casuslogregel {
  tijdstip: string;
  traceId: string;
  handeling: string;
  organisatie: string;
  rollen: string[];
  doelbinding: string | null;
  activiteitNaam: string | null;
  velden: string[];
  uitkomst: 'TOEGESTAAN' | 'GEWEIGERD';
}

/** The answer's fields of the conference's log, one per partner; null when the partner gave none. */
export type CasuslogboekDeel = 'werkInkomen' | 'swb' | 'werkplein' | 'schuldhulp' | 'werkcentrum';

export interface CasuslogboekAntwoord {
  casusoverleg: { logboek: Record<CasuslogboekDeel, Casuslogregel[] | null> | null } | null;
}

/**
 * The conference's log, asked after the page has loaded the conference: a request's own looks are
 * logged when it is answered, so the log then shows the page's own look at the resident's situation.
 */
export const CASUSOVERLEG_LOGBOEK = /* GraphQL */ `
  query CasusoverlegLogboek($id: ID!) {
    casusoverleg(id: $id) {
      logboek(first: 100) {
        werkInkomen {
          ...Casuslogregel
        }
        swb {
          ...Casuslogregel
        }
        werkplein {
          ...Casuslogregel
        }
        schuldhulp {
          ...Casuslogregel
        }
        werkcentrum {
          ...Casuslogregel
        }
      }
    }
  }
  fragment Casuslogregel on Casuslogregel {
    tijdstip
    traceId
    handeling
    organisatie
    rollen
    doelbinding
    activiteitNaam
    velden
    uitkomst
  }
`;
