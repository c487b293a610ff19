import type { ItemLine, JacReport } from './jac-report';
import { jacMarkdown } from './jac-markdown';

const TITLE = 'PEEL <script>alert(1)</script> & <img src=x onerror=alert(2)>';
const inspection = { id: 'peel', reportType: 'peel' as const, title: TITLE, publishedOn: '2023-09-29' };
const item: ItemLine = {
  id: 'P-1',
  reference: 'P-1',
  kind: 'recommendation',
  level: 3,
  text: 'Review <b>custody</b> | **now**',
  owner: 'supt-patel',
  status: 'hmicfrs_verified',
  dueDate: null,
  originalDueDate: null,
  closedAt: '2024-05-01T00:00:00.000Z',
};
const none = { recommendation: 0, cause_of_concern: 0, area_for_improvement: 0 };
const report: JacReport = {
  period: { asAt: '2024-06-30', previous: '2024-03-31', since: '2024-04-01', knownAt: '2024-07-01T00:00:00.000Z' },
  submissions: { rows: [], total: { count: 0, change: 0 } },
  signedOff: { total: 1, byReport: [{ inspection, items: [item] }] },
  register: { total: { count: 1, change: 0 }, inProgress: 0, added: 0, byKind: [] },
  rag: { red: 0, amber: 0, green: 0, unrated: 0, total: 0 },
  byReport: [{ inspection, received: { ...none, recommendation: 1 }, submitted: none }],
  activity: { since: [], forthcoming: [] },
  published: [],
  overdue: [],
  waitingForHmicfrs: [],
  seal: null,
};

describe('jacMarkdown', () => {
  it('carries no HTML from an inspection title or an item text: every tag is written as entities', () => {
    const markdown = jacMarkdown(report);
    expect(markdown).not.toMatch(/<(script|img|b)\b/i);
    expect(markdown).toContain('### PEEL &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;: 1 completed');
    expect(markdown).toContain('| PEEL &lt;script&gt;');
    expect(markdown).toContain('Review &lt;b&gt;custody&lt;/b&gt; \\| \\*\\*now\\*\\*');
  });

  it('carries no HTML in any section: signed off, by report, overdue and waiting for HMICFRS, in references, texts and owners', () => {
    const hostile: ItemLine = { ...item, reference: '<i>P-2</i>', owner: '<u onmouseover=alert(3)>owner</u>', dueDate: '2024-01-31' };
    const late = { ...hostile, daysOverdue: 151 };
    const markdown = jacMarkdown({ ...report, overdue: [late], waitingForHmicfrs: [{ ...late, status: 'self_certified' }] });
    expect(markdown).not.toMatch(/<[a-z/!?]/i);
    expect(markdown).toContain('| &lt;i&gt;P-2&lt;/i&gt; |');
    expect(markdown).toContain('| &lt;u onmouseover=alert(3)&gt;owner&lt;/u&gt; |');
    expect(markdown).toContain('- &lt;i&gt;P-2&lt;/i&gt; (Recommendation Lv3): Review &lt;b&gt;custody&lt;/b&gt;');
  });
});
