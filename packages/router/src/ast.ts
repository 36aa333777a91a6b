/** Rule syntax tree. Every node keeps its source span for error messages and `explain`. */
export type RuleNode = CallNode | AndNode | OrNode | NotNode;

interface Span {
  /** 0-based offsets into the rule; `text` = rule.slice(start, end) */
  start: number;
  end: number;
  text: string;
}

export interface CallArg {
  value: string;
  start: number;
}

export interface CallNode extends Span {
  type: 'call';
  /** matcher name as written */
  name: string;
  args: CallArg[];
}

export interface AndNode extends Span {
  type: 'and';
  left: RuleNode;
  right: RuleNode;
}

export interface OrNode extends Span {
  type: 'or';
  left: RuleNode;
  right: RuleNode;
}

interface NotNode extends Span {
  type: 'not';
  operand: RuleNode;
}
