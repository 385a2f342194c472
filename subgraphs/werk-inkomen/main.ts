import { runSubgraph } from '../../platform/run';
import { werkInkomen } from '.';

runSubgraph(werkInkomen);
