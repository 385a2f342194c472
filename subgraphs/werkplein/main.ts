import { runSubgraph } from '../../platform/run';
import { werkplein } from '.';

runSubgraph(werkplein);
