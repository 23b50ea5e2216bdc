/**
 * The joint meeting's minutes (联席会议纪要) as a .docx: plain paragraphs and tables, Chinese
 * text in the reader's fonts. Times in Beijing time.
 */
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import { RecusalKindLabels, type Project, type ResultsAnswer } from '@honglin/shared'

const beijing = (ms: number) => {
  const d = new Date(ms + 8 * 3600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] })
const row = (cells: string[], bold = false) => new TableRow({ children: cells.map((c) => cell(c, bold)) })
const table = (head: string[], rows: string[][]) =>
  new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(head, true), ...rows.map((r) => row(r))] })
const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 })
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] })

export async function minutesDocument(project: Project, results: ResultsAnswer, now: number): Promise<Buffer> {
  const recused = new Map(project.recusals.map((r) => [r.userId, r]))
  const unitOf = new Map(results.ranking.map((r) => [r.bidId, r.unitName]))
  const names = project.criteria.map((c) => c.name)
  const award = project.award
  const children = [
    new Paragraph({ text: '大党委联席会议纪要', heading: HeadingLevel.TITLE }),
    para(`项目：${project.title}`),
    para(
      `评审时间：${project.biddingClosedAt ? beijing(project.biddingClosedAt) : ''} 至 ${project.reviewClosedAt ? beijing(project.reviewClosedAt) : ''}`,
    ),
    para(
      `法定人数：不计回避委员 ${results.review.eligible} 人，需 ${results.review.required} 人完成评分，实际 ${results.review.scored} 人。`,
    ),
    heading('一、参会委员'),
    table(
      ['姓名', '单位', '职务', '参与情况'],
      project.reviewers.map((r) => [r.name, r.unitName ?? '', r.title ?? '委员', recused.has(r.userId) ? '回避' : '参与评分']),
    ),
    heading('二、回避情况'),
    ...(project.recusals.length === 0
      ? [para('无委员回避。')]
      : [
          table(
            ['姓名', '回避类型', '理由'],
            project.recusals.map((r) => [r.name, RecusalKindLabels[r.kind], r.reason]),
          ),
        ]),
    heading('三、评分标准'),
    table(
      ['标准', '权重', '满分'],
      project.criteria.map((c) => [c.name, `${c.weight}%`, String(c.max)]),
    ),
    heading('四、各委员评分'),
    table(
      ['委员', '揭榜单位', ...names, '加权总分', '评语'],
      results.scores.map((s) => [
        s.userName,
        unitOf.get(s.bidId) ?? '',
        ...names.map((n) => String(s.scores[n] ?? '')),
        s.total.toFixed(2),
        s.comment ?? '',
      ]),
    ),
    heading('五、排名'),
    table(
      ['名次', '揭榜单位', ...names.map((n) => `${n}（平均）`), '总分', '评分人数'],
      results.ranking.map((r) => [
        String(r.rank),
        r.unitName,
        ...names.map((n) => String(r.byCriterion[n] ?? 0)),
        r.total.toFixed(2),
        String(r.scoreCount),
      ]),
    ),
    para(`同分规则：${results.tieBreakRule}`),
    heading('六、决定'),
    para(
      award
        ? `定标单位：${award.unitName}（排名第 ${award.rank}）${award.againstRanking ? '，未按排名第一定标' : ''}。${award.reason ? `理由：${award.reason}` : ''}`
        : '尚未定标。',
    ),
    para(`纪要生成时间：${beijing(now)}`),
  ]
  const doc = new Document({ creator: '红邻', title: `${project.title} 联席会议纪要`, sections: [{ children }] })
  return Packer.toBuffer(doc)
}
