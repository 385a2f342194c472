/** The GraphQL documents of the bench scenarios. */

/** The chain view of one resident: fields of all five subgraphs (werk-inkomen resolves the resident). */
export const INWONER = /* GraphQL */ `
  query Inwoner($bsn: BSN!) {
    inwoner(bsn: $bsn) {
      bsn
      naam
      geboortedatum
      gemeente
      statushouder
      uitkeringen {
        regeling
        ingangsdatum
        einddatum
        uitstroomreden
      }
      lopendeUitkering {
        regeling
        sinds
      }
      loonkostensubsidies {
        werkgever
        loonwaarde
        startdatum
        einddatum
      }
      inburgeringen {
        leerroute
        startdatum
        einddatum
      }
      trajecten {
        soort
        startdatum
        einddatum
        resultaat
      }
      swDienstverbanden {
        soort
        startdatum
      }
      plaatsingen {
        soort
        startdatum
        einddatum
        werkgever {
          naam
        }
      }
      schuldhulpstatus {
        lopend
        fase
      }
      ontwikkeltrajecten {
        soort
        startdatum
        einddatum
      }
    }
  }
`;

/**
 * The regional dashboard as the README shows it: four municipalities (aliases) with every statistic of
 * every partner over one period. The codes are variables so that requests can ask for other regions.
 */
export const DASHBOARD = /* GraphQL */ `
  query Dashboard($periode: Periode!, $a: String!, $b: String!, $c: String!, $d: String!) {
    a: gemeente(code: $a) {
      ...cijfers
    }
    b: gemeente(code: $b) {
      ...cijfers
    }
    c: gemeente(code: $c) {
      ...cijfers
    }
    d: gemeente(code: $d) {
      ...cijfers
    }
  }

  fragment cijfers on Gemeente {
    code
    naam
    bijstand(periode: $periode) {
      lopendOpEinddatum {
        ...aantal
      }
      lopendPerMaandeinde {
        maand
        aantal {
          ...aantal
        }
      }
      gemiddeldBestand {
        waarde
        maanden
        onderdrukt
      }
      instroom {
        ...aantal
      }
      instroomPerMaand {
        maand
        aantal {
          ...aantal
        }
      }
      uitstroom {
        ...aantal
      }
      uitstroomPerMaand {
        maand
        aantal {
          ...aantal
        }
      }
      uitstroomNaarWerk {
        ...aantal
      }
      uitstroomOverig {
        ...aantal
      }
      uitstroomPerReden {
        reden
        aantal {
          ...aantal
        }
      }
      aandeelUitstroomNaarWerk {
        ...aandeel
      }
      statushoudersOpEinddatum {
        ...aantal
      }
      begroot
    }
    loonkostensubsidie(periode: $periode) {
      personenOpEinddatum {
        ...aantal
      }
      personenPerMaandeinde {
        maand
        aantal {
          ...aantal
        }
      }
      lopendOpBegindatum {
        ...aantal
      }
      gestart {
        ...aantal
      }
      beeindigd {
        ...aantal
      }
    }
    inburgering(periode: $periode) {
      gestart {
        ...aantal
      }
      gestartPerLeerroute {
        leerroute
        aantal {
          ...aantal
        }
      }
      lopendOpEinddatum {
        ...aantal
      }
    }
    swb(periode: $periode) {
      trajectenGestart {
        ...aantal
      }
      trajectenLopendOpEinddatum {
        ...aantal
      }
      trajectenBeeindigd {
        ...aantal
      }
      beeindigdPerResultaat {
        resultaat
        aantal {
          ...aantal
        }
      }
      aandeelBetaaldWerk {
        ...aandeel
      }
      swDienstverbandenOpEinddatum {
        ...aantal
      }
      gedetacheerdOpEinddatum {
        ...aantal
      }
    }
    schuldhulp(periode: $periode) {
      aanmeldingen {
        ...aantal
      }
      aanmeldingenPerBron {
        bron
        aantal {
          ...aantal
        }
      }
      aandeelBudgetAlert {
        ...aandeel
      }
      lopendOpEinddatum {
        ...aantal
      }
      lopendPerFase {
        fase
        aantal {
          ...aantal
        }
      }
      budgetbeheerOpEinddatum {
        ...aantal
      }
      vroegsignalen {
        ...aantal
      }
      vroegsignalenPerSoort {
        soort
        aantal {
          ...aantal
        }
      }
    }
    werkplein(periode: $periode) {
      plaatsingenGestart {
        ...aantal
      }
      plaatsingenPerSoort {
        soort
        aantal {
          ...aantal
        }
      }
      plaatsingenMetLks {
        ...aantal
      }
      lopendOpEinddatum {
        ...aantal
      }
      vacaturesGeopend {
        ...aantal
      }
    }
    werkcentrum(periode: $periode) {
      gestart {
        ...aantal
      }
      gestartPerSoort {
        soort
        aantal {
          ...aantal
        }
      }
      lopendOpEinddatum {
        ...aantal
      }
      budgetGestartCenten {
        centen
        onderdrukt
      }
    }
  }

  fragment aantal on Aantal {
    waarde
    onderdrukt
  }

  fragment aandeel on Aandeel {
    teller {
      ...aantal
    }
    noemer {
      ...aantal
    }
    ratio
    onderdrukt
  }
`;

/** Only the cursor after the first `first` residents of a gemeente: where a measured page starts. */
export const PAGE_CURSOR = /* GraphQL */ `
  query PageCursor($code: String!, $first: Int!) {
    gemeente(code: $code) {
      inwoners(first: $first) {
        pageInfo {
          endCursor
        }
      }
    }
  }
`;

/**
 * A page of residents with their data at every partner: the query whose SQL statements must not grow
 * with the page size (one statement per relation and batch, not per resident).
 */
export const RESIDENTS = /* GraphQL */ `
  query Residents($code: String!, $first: Int!, $after: String) {
    gemeente(code: $code) {
      inwoners(first: $first, after: $after) {
        nodes {
          bsn
          uitkeringen {
            regeling
          }
          loonkostensubsidies {
            loonwaarde
          }
          inburgeringen {
            leerroute
          }
          trajecten {
            soort
          }
          swDienstverbanden {
            soort
          }
          plaatsingen {
            soort
            werkgever {
              naam
            }
          }
          lopendeUitkering {
            regeling
          }
          schuldhulpstatus {
            fase
          }
          ontwikkeltrajecten {
            soort
          }
        }
      }
    }
  }
`;

/** A participant reads a case conference with the resident's combined situation at the partners in scope. */
export const CASUSOVERLEG = /* GraphQL */ `
  query Casusoverleg($id: ID!) {
    casusoverleg(id: $id) {
      titel
      grondslag
      deelnemers {
        medewerker
        organisatie
      }
      toestemmingen {
        partners
        wijze
        verlooptOp
      }
      agenda {
        volgorde
        onderwerp
      }
      acties {
        eigenaarOrganisatie
        omschrijving
        deadline
        status
      }
      inzage {
        naam
        geboortedatum
        uitkeringen {
          regeling
          ingangsdatum
          einddatum
          bedragPerMaandCenten
        }
        loonkostensubsidies {
          werkgever
          loonwaarde
          startdatum
          einddatum
        }
        inburgeringen {
          leerroute
          startdatum
          einddatum
        }
        trajecten {
          soort
          startdatum
          einddatum
          resultaat
        }
        swDienstverbanden {
          soort
          startdatum
        }
        schuldhulptrajecten {
          fase
          aanmelddatum
          totaleSchuldCenten
          aantalSchuldeisers
        }
        vroegsignalen {
          soort
          datum
          bedragCenten
        }
        plaatsingen {
          soort
          startdatum
          einddatum
          werkgever {
            naam
          }
        }
        ontwikkeltrajecten {
          soort
          startdatum
          einddatum
          budgetCenten
        }
      }
    }
  }
`;

/** Setup of the casusoverleg scenario: a KLANTMANAGER opens a conference about a resident. */
export const OPEN_CASUSOVERLEG = /* GraphQL */ `
  mutation Open($input: OpenCasusoverlegInput!) {
    openCasusoverleg(input: $input) {
      id
    }
  }
`;

export const VOEG_DEELNEMER_TOE = /* GraphQL */ `
  mutation Deelnemer($id: ID!, $medewerker: String!, $organisatie: String!) {
    voegDeelnemerToe(casusoverlegId: $id, medewerker: $medewerker, organisatie: $organisatie) {
      id
    }
  }
`;

export const LEG_TOESTEMMING_VAST = /* GraphQL */ `
  mutation Toestemming($id: ID!, $input: ToestemmingInput!) {
    legToestemmingVast(casusoverlegId: $id, input: $input) {
      id
    }
  }
`;

export const VOEG_AGENDAPUNT_TOE = /* GraphQL */ `
  mutation Agendapunt($id: ID!, $onderwerp: String!) {
    voegAgendapuntToe(casusoverlegId: $id, onderwerp: $onderwerp) {
      volgorde
    }
  }
`;

export const VOEG_ACTIE_TOE = /* GraphQL */ `
  mutation Actie($id: ID!, $input: ActieInput!) {
    voegActieToe(casusoverlegId: $id, input: $input) {
      id
    }
  }
`;
