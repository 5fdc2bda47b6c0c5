//! The referral flow of one classification as an SVG diagram: institutions as boxes,
//! each duty an arrow from who acts to whom, labelled with its priority, what it is and
//! its deadline; escalations dashed. The graph is laid out by `layout-rs` (a layered
//! layout in the manner of Graphviz's `dot`); this module only says what the graph is
//! and writes the drawing calls as SVG, with a title and a description for readers who
//! do not see it.

use super::html::esc;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use std::fmt::Write;

/// The layout measures text as one `font_size` per character and per line; the writer
/// draws box text at 13 px (about 7.5 px a character, 16 px a line) and arrow labels at
/// 11 px (about 6.5 px a character, 14 px a line). Boxes are sized here; an arrow's
/// label is sized by the layout, so it is measured at 7 with a blank line between its
/// lines (two measured lines for each drawn one). The sizes also tell the writer which
/// text is a box's and which an arrow's.
const NODE_FONT: usize = 13;
const EDGE_FONT: usize = 7;
/// Longest line of a wrapped label, in characters.
const NODE_WIDTH: usize = 22;
const EDGE_WIDTH: usize = 30;

/// The size of a box for `text` (already wrapped).
fn box_size(text: &str) -> Point {
    let lines: Vec<&str> = text.lines().collect();
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(1);
    Point::new(longest as f64 * 7.6 + 20.0, lines.len().max(1) as f64 * 16.0 + 12.0)
}

/// A diagram to lay out: boxes and labelled arrows between them.
pub(crate) struct Graph {
    pub nodes: Vec<String>,
    pub edges: Vec<Edge>,
}

/// An arrow between two boxes (by index), carrying one or more labels.
pub(crate) struct Edge {
    pub from: usize,
    pub to: usize,
    pub labels: Vec<String>,
    pub dashed: bool,
}

/// Arrows with the same ends and style become one, with every label once: several
/// duties between two institutions read as one list instead of a bundle of lines.
pub(crate) fn merged(edges: Vec<Edge>) -> Vec<Edge> {
    let mut out: Vec<Edge> = Vec::new();
    for e in edges {
        match out.iter_mut().find(|x| (x.from, x.to, x.dashed) == (e.from, e.to, e.dashed)) {
            Some(x) => {
                for l in e.labels {
                    if !x.labels.contains(&l) {
                        x.labels.push(l);
                    }
                }
            }
            None => out.push(e),
        }
    }
    out
}

/// The diagram as SVG, with `title` and `desc` as its text alternative; `id` makes its
/// internal ids unique on a page that holds several. `None` if the layout failed.
pub(crate) fn render(graph: &Graph, id: &str, title: &str, desc: &str) -> Option<String> {
    // Left to right: the duties of a tier stack in one column between who acts and
    // towards whom, so a tier with many duties grows down the page, not across it.
    let dir = Orientation::LeftToRight;
    let mut vg = VisualGraph::new(dir);
    let node_look = StyleAttr::new(Color::fast("black"), 1, Some(Color::fast("white")), 6, NODE_FONT);
    let handles: Vec<_> = graph
        .nodes
        .iter()
        .map(|label| {
            let text = wrap(label, NODE_WIDTH);
            let size = box_size(&text);
            vg.add_node(Element::create_with_properties(
                ShapeKind::new_box(&text),
                node_look.clone(),
                dir,
                size,
                "class=\"flow-node\"",
            ))
        })
        .collect();
    let edge_look = StyleAttr::new(Color::fast("black"), 1, None, 0, EDGE_FONT);
    for edge in &graph.edges {
        let style = if edge.dashed { LineStyleKind::Dashed } else { LineStyleKind::Normal };
        let class = if edge.dashed { "class=\"flow-edge flow-escalation\"" } else { "class=\"flow-edge\"" };
        // Each drawn line is two measured ones (see EDGE_FONT); labels are a line apart.
        let text: Vec<String> = edge.labels.iter().map(|l| wrap(l, EDGE_WIDTH).replace('\n', "\n\n")).collect();
        let arrow = Arrow::with_properties(
            LineEndKind::None,
            LineEndKind::Arrow,
            style,
            &text.join("\n\n\n\n"),
            &edge_look,
            class,
            &None,
            &None,
        );
        vg.add_edge(arrow, handles[edge.from], handles[edge.to]);
    }
    let mut writer = Writer { id: id.to_owned(), ..Writer::default() };
    // The layout library asserts on graphs it cannot handle; a diagram it cannot lay
    // out is left out (its page still lists every duty) rather than stopping the build.
    let laid_out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        vg.do_it(false, false, false, &mut writer);
        writer
    }));
    laid_out.ok().map(|w| w.finish(title, desc))
}

/// `text` in lines of at most `width` characters, broken between words.
pub(crate) fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.join("\n")
}

/// Draws what the layout asks for as SVG elements, with classes for the stylesheet
/// instead of inline colours, and coordinates to one decimal (the same bytes each time).
#[derive(Default)]
struct Writer {
    id: String,
    content: String,
    /// Text goes above every line, so that a label is never crossed out by an arrow.
    texts: String,
    min: Option<(f64, f64)>,
    max: (f64, f64),
}

fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".into()
    } else {
        format!("{r}")
    }
}

impl Writer {
    fn grow(&mut self, p: Point) {
        let (x, y) = (p.x, p.y);
        let min = self.min.get_or_insert((x, y));
        min.0 = min.0.min(x);
        min.1 = min.1.min(y);
        self.max.0 = self.max.0.max(x);
        self.max.1 = self.max.1.max(y);
    }

    fn finish(self, title: &str, desc: &str) -> String {
        let pad = 8.0;
        let (x0, y0) = self.min.unwrap_or((0.0, 0.0));
        let (w, h) = (self.max.0 - x0 + 2.0 * pad, self.max.1 - y0 + 2.0 * pad);
        let id = &self.id;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\" \
             role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n\
             <desc id=\"{id}-desc\">{}</desc>",
            n(x0 - pad),
            n(y0 - pad),
            n(w),
            n(h),
            n(w),
            n(h),
            esc(title),
            esc(desc)
        );
        let _ = writeln!(
            s,
            "<defs><marker id=\"{id}-head\" markerWidth=\"10\" markerHeight=\"7\" refX=\"10\" refY=\"3.5\" orient=\"auto\">\
             <polygon points=\"0 0, 10 3.5, 0 7\" class=\"flow-head\"/></marker></defs>\n<style>{}</style>",
            SVG_STYLE
        );
        s.push_str(&self.content.replace("url(#HEAD)", &format!("url(#{id}-head)")));
        s.push_str(&self.texts);
        s.push_str("</svg>\n");
        s
    }
}

/// The diagram's own styles, so that the file also reads on its own.
const SVG_STYLE: &str = ".flow-node rect{fill:#fff;stroke:#1d3557;stroke-width:1.5}\
.flow-edge path{fill:none;stroke:#1d3557;stroke-width:1.2}\
.flow-escalation path{stroke:#b5441f;stroke-dasharray:5 4}\
.flow-head{fill:#1d3557}\
.flow-text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;fill:#111;text-anchor:middle;dominant-baseline:central}\
.flow-node-text{font-size:13px;font-weight:600}\
.flow-edge-text{font-size:11px;fill:#333;stroke:#fff;stroke-width:4px;stroke-linejoin:round;paint-order:stroke}";

impl RenderBackend for Writer {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        self.grow(xy);
        self.grow(xy.add(size));
        let _ = writeln!(
            self.content,
            "<g {}><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"/></g>",
            properties.unwrap_or_default(),
            n(xy.x),
            n(xy.y),
            n(size.x),
            n(size.y),
            look.rounded
        );
    }

    fn draw_line(&mut self, start: Point, stop: Point, _look: &StyleAttr, properties: Option<String>) {
        self.grow(start);
        self.grow(stop);
        let _ = writeln!(
            self.content,
            "<g {}><path d=\"M {} {} L {} {}\"/></g>",
            properties.unwrap_or_default(),
            n(start.x),
            n(start.y),
            n(stop.x),
            n(stop.y)
        );
    }

    fn draw_circle(&mut self, xy: Point, size: Point, _look: &StyleAttr, properties: Option<String>) {
        self.grow(xy.sub(size.scale(0.5)));
        self.grow(xy.add(size.scale(0.5)));
        let _ = writeln!(
            self.content,
            "<g {}><ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\"/></g>",
            properties.unwrap_or_default(),
            n(xy.x),
            n(xy.y),
            n(size.x / 2.0),
            n(size.y / 2.0)
        );
    }

    fn draw_text(&mut self, xy: Point, text: &str, look: &StyleAttr) {
        // Box text is drawn 16 px a line; arrow labels come measured at EDGE_FONT a line,
        // blank lines included, and are drawn where they were measured.
        let (class, step) =
            if look.font_size == NODE_FONT { ("flow-node-text", 16.0) } else { ("flow-edge-text", EDGE_FONT as f64) };
        let lines: Vec<&str> = text.lines().collect();
        let top = xy.y - step * (lines.len().saturating_sub(1) as f64) / 2.0;
        // The drawing's bounds take in the text too (about 7.5 px a character).
        let half = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * 3.75;
        self.grow(Point::new(xy.x - half, top - step));
        self.grow(Point::new(xy.x + half, top + step * lines.len() as f64));
        let _ = write!(self.texts, "<text class=\"flow-text {class}\">");
        for (i, line) in lines.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
            let y = top + step * i as f64;
            let _ = write!(self.texts, "<tspan x=\"{}\" y=\"{}\">{}</tspan>", n(xy.x), n(y), esc(line));
        }
        self.texts.push_str("</text>\n");
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        _look: &StyleAttr,
        properties: Option<String>,
        text: &str,
    ) {
        for (a, b) in path {
            self.grow(*a);
            self.grow(*b);
        }
        if path.len() < 2 {
            return;
        }
        let mut d = format!(
            "M {} {} C {} {}, {} {}, {} {}",
            n(path[0].0.x),
            n(path[0].0.y),
            n(path[0].1.x),
            n(path[0].1.y),
            n(path[1].0.x),
            n(path[1].0.y),
            n(path[1].1.x),
            n(path[1].1.y)
        );
        for (a, b) in path.iter().skip(2) {
            let _ = write!(d, " S {} {}, {} {}", n(a.x), n(a.y), n(b.x), n(b.y));
        }
        let _ = writeln!(
            self.content,
            "<g {}><path d=\"{d}\"{}{}/></g>",
            properties.unwrap_or_default(),
            if head.1 { " marker-end=\"url(#HEAD)\"" } else { "" },
            if dashed { " stroke-dasharray=\"5 4\"" } else { "" }
        );
        // Labels travel as connector boxes of their own, so arrows carry no text here.
        debug_assert!(text.is_empty());
    }

    fn create_clip(&mut self, _xy: Point, _size: Point, _rounded_px: usize) -> ClipHandle {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_graph_is_laid_out_with_its_text_alternative() {
        let g = Graph {
            nodes: vec!["School".into(), "Centre for Social Work".into(), "Police".into()],
            edges: merged(vec![
                Edge { from: 0, to: 1, labels: vec!["P1 Notify the CSW · 24 h".into()], dashed: false },
                Edge { from: 0, to: 2, labels: vec!["P1 Notify the police · 24 h".into()], dashed: false },
                Edge { from: 0, to: 2, labels: vec!["P2 Inform the police · 3 d".into()], dashed: false },
                Edge { from: 1, to: 2, labels: vec!["If late: tell the team".into()], dashed: true },
            ]),
        };
        let a = render(&g, "t", "Flow & more", "Who tells whom").unwrap();
        let b = render(&g, "t", "Flow & more", "Who tells whom").unwrap();
        assert_eq!(a, b, "the same graph gives the same bytes");
        assert!(a.contains("<title id=\"t-title\">Flow &amp; more</title>"));
        assert!(a.contains("aria-labelledby=\"t-title t-desc\""));
        assert!(a.contains(">Centre for Social</tspan>") || a.contains(">Centre for Social Work</tspan>"));
        assert!(a.contains("url(#t-head)") && !a.contains("url(#HEAD)"));
        assert!(a.contains("flow-escalation"));
        assert_eq!(g.edges.len(), 3, "two duties between the same two boxes share one arrow");
        assert!(a.contains(">P2 Inform the police · 3 d</tspan>"));
    }

    #[test]
    fn labels_wrap_between_words() {
        assert_eq!(
            wrap("Notify the competent Centre for Social Work", 22),
            "Notify the competent\nCentre for Social Work"
        );
        assert_eq!(wrap("Supercalifragilistic word", 5), "Supercalifragilistic\nword");
    }
}
