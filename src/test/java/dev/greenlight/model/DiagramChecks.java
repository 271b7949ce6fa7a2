package dev.greenlight.model;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.Lane;
import io.camunda.zeebe.model.bpmn.instance.Participant;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnLabel;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnPlane;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.DiagramElement;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The diagram information (DI) of a BPMN file, checked without a browser: what Modeler and Operate draw must be
 * readable. Every flow node and sequence flow is drawn; every named event, gateway and sequence flow has its label
 * bounds stored (as Modeler stores them); no two shapes overlap; no label overlaps a shape or another label; no flow
 * runs through a shape other than its own ends or through another element's label; flows run horizontally and
 * vertically; a diagram fits one screen. The geometry follows {@code ../shared/tools/bpmn-check} (bpmn-js in
 * Chromium), which also judges crossings and flows drawn on top of each other: look at its pictures.
 */
public final class DiagramChecks {

  static final double MAX_WIDTH = 2400;
  static final double MAX_HEIGHT = 1400;
  /** A flow touching a shape's edge (a boundary event's host, a shape next to a bend) does not run through it. */
  private static final double SHAPE_INSET = 2;
  private static final double LABEL_INSET = 1;
  private static final double OVERLAP_PAD = 1;
  private static final double STRAIGHT_TOLERANCE = 1;

  private DiagramChecks() {}

  /** Every problem of the file's diagrams, each naming the element at fault. */
  public static List<ModelProblem> check(String file, BpmnModelInstance model) {
    List<ModelProblem> problems = new ArrayList<>();
    checkEverythingIsDrawn(file, model, problems);
    for (BpmnPlane plane : model.getModelElementsByType(BpmnPlane.class)) {
      Plane drawn = Plane.of(plane);
      checkLabelBounds(file, drawn, problems);
      checkShapesApart(file, drawn, problems);
      checkLabelsFree(file, drawn, problems);
      checkFlows(file, drawn, problems);
      checkSize(file, plane, drawn, problems);
    }
    return problems;
  }

  private static void checkEverythingIsDrawn(String file, BpmnModelInstance model, List<ModelProblem> problems) {
    Set<String> drawn = new HashSet<>();
    model.getModelElementsByType(BpmnShape.class).stream()
        .filter(shape -> shape.getBpmnElement() != null)
        .forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
    model.getModelElementsByType(BpmnEdge.class).stream()
        .filter(edge -> edge.getBpmnElement() != null)
        .forEach(edge -> drawn.add(edge.getBpmnElement().getId()));
    Stream.concat(model.getModelElementsByType(FlowNode.class).stream(),
            model.getModelElementsByType(SequenceFlow.class).stream())
        .filter(element -> !drawn.contains(element.getId()))
        .forEach(element -> problems.add(new ModelProblem(file, element.getId(),
            "has no diagram information (BPMNShape/BPMNEdge); Modeler and Operate cannot draw it")));
  }

  /** Named events, gateways and flows carry their name outside the shape: where it goes is stored, not guessed. */
  private static void checkLabelBounds(String file, Plane plane, List<ModelProblem> problems) {
    Stream.concat(plane.shapes.stream().map(s -> new Labelled(s.element, s.label)),
            plane.flows.stream().map(f -> new Labelled(f.element, f.label)))
        .filter(labelled -> hasExternalLabel(labelled.element) && labelled.label == null)
        .forEach(labelled -> problems.add(new ModelProblem(file, labelled.element.getId(), "is named but has no "
            + "label bounds (bpmndi:BPMNLabel with dc:Bounds); store where its name is drawn, as Modeler does")));
  }

  private static void checkShapesApart(String file, Plane plane, List<ModelProblem> problems) {
    for (int i = 0; i < plane.shapes.size(); i++) {
      for (int j = i + 1; j < plane.shapes.size(); j++) {
        Shape a = plane.shapes.get(i);
        Shape b = plane.shapes.get(j);
        if (a.isContainer() || b.isContainer() || a.hosts(b) || b.hosts(a)) {
          continue;
        }
        if (a.bounds.overlaps(b.bounds, OVERLAP_PAD)) {
          problems.add(new ModelProblem(file, a.id(), "overlaps '" + b.id() + "'; move one of them"));
        }
      }
    }
  }

  private static void checkLabelsFree(String file, Plane plane, List<ModelProblem> problems) {
    List<Label> labels = plane.labels();
    for (int i = 0; i < labels.size(); i++) {
      Label label = labels.get(i);
      for (Shape shape : plane.shapes) {
        if (shape.element != label.owner && !shape.isContainer() && label.bounds.overlaps(shape.bounds, OVERLAP_PAD)) {
          problems.add(new ModelProblem(file, label.owner.getId(), "its label overlaps '" + shape.id() + "'"));
        }
      }
      for (int j = i + 1; j < labels.size(); j++) {
        Label other = labels.get(j);
        if (label.bounds.overlaps(other.bounds, OVERLAP_PAD)) {
          problems.add(new ModelProblem(file, label.owner.getId(),
              "its label overlaps the label of '" + other.owner.getId() + "'"));
        }
      }
    }
  }

  private static void checkFlows(String file, Plane plane, List<ModelProblem> problems) {
    List<Label> labels = plane.labels();
    for (Flow flow : plane.flows) {
      flow.segments().stream().filter(segment -> !segment.isStraight()).findFirst().ifPresent(diagonal ->
          problems.add(new ModelProblem(file, flow.id(), "has a diagonal segment " + diagonal
              + "; flows run horizontally and vertically, bending at right angles")));
      for (Shape shape : plane.shapes) {
        if (flow.ends(shape.element) || shape.isContainer() || flow.passesOwnBoundaryEvent(shape)) {
          continue;
        }
        flow.segments().stream().filter(segment -> segment.crosses(shape.bounds, SHAPE_INSET)).findFirst()
            .ifPresent(segment -> problems.add(new ModelProblem(file, flow.id(),
                "runs through '" + shape.id() + "' (segment " + segment + "); route it around")));
      }
      for (Label label : labels) {
        if (label.owner == flow.element || flow.ends(label.owner)) {
          continue;
        }
        flow.segments().stream().filter(segment -> segment.crosses(label.bounds, LABEL_INSET)).findFirst()
            .ifPresent(segment -> problems.add(new ModelProblem(file, flow.id(),
                "runs through the label of '" + label.owner.getId() + "' (segment " + segment + ")")));
      }
    }
  }

  private static void checkSize(String file, BpmnPlane bpmnPlane, Plane plane, List<ModelProblem> problems) {
    List<Box> everything = new ArrayList<>();
    plane.shapes.forEach(shape -> everything.add(shape.bounds));
    plane.labels().forEach(label -> everything.add(label.bounds));
    plane.flows.forEach(flow -> flow.points.forEach(p -> everything.add(new Box(p.x, p.y, 0, 0))));
    if (everything.isEmpty()) {
      return;
    }
    double width = everything.stream().mapToDouble(Box::right).max().orElseThrow()
        - everything.stream().mapToDouble(Box::x).min().orElseThrow();
    double height = everything.stream().mapToDouble(Box::bottom).max().orElseThrow()
        - everything.stream().mapToDouble(Box::y).min().orElseThrow();
    if (width > MAX_WIDTH || height > MAX_HEIGHT) {
      String owner = bpmnPlane.getBpmnElement() == null ? bpmnPlane.getId() : bpmnPlane.getBpmnElement().getId();
      problems.add(new ModelProblem(file, owner, String.format(Locale.ROOT,
          "is drawn %.0f × %.0f px, more than one screen (%.0f × %.0f); move a phase into a call activity or a "
              + "sub-process", width, height, MAX_WIDTH, MAX_HEIGHT)));
    }
  }

  /** bpmn-js draws the names of events, gateways and flows beside them (tasks carry theirs inside). */
  private static boolean hasExternalLabel(BaseElement element) {
    boolean named = element instanceof FlowElement flowElement && flowElement.getName() != null
        && !flowElement.getName().isBlank();
    return named && (element instanceof Event || element instanceof Gateway || element instanceof SequenceFlow);
  }

  private record Labelled(BaseElement element, Box label) {}

  private record Label(BaseElement owner, Box bounds) {}

  private record Point(double x, double y) {}

  /** A rectangle of the diagram. */
  record Box(double x, double y, double width, double height) {

    static Box of(Bounds bounds) {
      return new Box(bounds.getX(), bounds.getY(), bounds.getWidth(), bounds.getHeight());
    }

    double right() {
      return x + width;
    }

    double bottom() {
      return y + height;
    }

    boolean overlaps(Box other, double pad) {
      return x + pad < other.right() && other.x + pad < right() && y + pad < other.bottom() && other.y + pad < bottom();
    }
  }

  private record Segment(Point from, Point to) {

    boolean isStraight() {
      return Math.abs(from.x - to.x) <= STRAIGHT_TOLERANCE || Math.abs(from.y - to.y) <= STRAIGHT_TOLERANCE;
    }

    /** Liang–Barsky clipping against the box shrunk by {@code inset}: does any part of the segment lie inside? */
    boolean crosses(Box box, double inset) {
      double x0 = box.x + inset;
      double y0 = box.y + inset;
      double x1 = box.right() - inset;
      double y1 = box.bottom() - inset;
      if (x1 <= x0 || y1 <= y0) {
        return false;
      }
      double dx = to.x - from.x;
      double dy = to.y - from.y;
      double[] p = {-dx, dx, -dy, dy};
      double[] q = {from.x - x0, x1 - from.x, from.y - y0, y1 - from.y};
      double enter = 0;
      double leave = 1;
      for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
          if (q[i] < 0) {
            return false;
          }
        } else {
          double t = q[i] / p[i];
          if (p[i] < 0) {
            enter = Math.max(enter, t);
          } else {
            leave = Math.min(leave, t);
          }
          if (enter > leave) {
            return false;
          }
        }
      }
      return enter < leave;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "(%.0f,%.0f)→(%.0f,%.0f)", from.x, from.y, to.x, to.y);
    }
  }

  private record Shape(BaseElement element, Box bounds, Box label) {

    String id() {
      return element.getId();
    }

    /** Sub-processes, pools and lanes hold other shapes: flows and labels inside them are expected. */
    boolean isContainer() {
      return element instanceof SubProcess || element instanceof Participant || element instanceof Lane;
    }

    boolean hosts(Shape other) {
      return other.element instanceof BoundaryEvent boundary && boundary.getAttachedTo() == element;
    }
  }

  private record Flow(BaseElement element, List<Point> points, Box label) {

    String id() {
      return element.getId();
    }

    List<Segment> segments() {
      List<Segment> segments = new ArrayList<>();
      for (int i = 0; i + 1 < points.size(); i++) {
        segments.add(new Segment(points.get(i), points.get(i + 1)));
      }
      return segments;
    }

    boolean ends(BaseElement node) {
      return element instanceof SequenceFlow flow && (flow.getSource() == node || flow.getTarget() == node);
    }

    /** A flow leaving a task may pass the task's own boundary events, which sit on its edge. */
    boolean passesOwnBoundaryEvent(Shape shape) {
      return shape.element instanceof BoundaryEvent boundary && ends(boundary.getAttachedTo());
    }
  }

  /** What one BPMNPlane draws (the process, or a collapsed sub-process drawn on a plane of its own). */
  private record Plane(List<Shape> shapes, List<Flow> flows) {

    static Plane of(BpmnPlane plane) {
      List<Shape> shapes = new ArrayList<>();
      List<Flow> flows = new ArrayList<>();
      for (DiagramElement element : plane.getDiagramElements()) {
        if (element instanceof BpmnShape shape && shape.getBpmnElement() != null && shape.getBounds() != null) {
          shapes.add(new Shape(shape.getBpmnElement(), Box.of(shape.getBounds()), labelOf(shape.getBpmnLabel())));
        } else if (element instanceof BpmnEdge edge && edge.getBpmnElement() != null) {
          List<Point> points = edge.getWaypoints().stream().map(Plane::point).toList();
          flows.add(new Flow(edge.getBpmnElement(), points, labelOf(edge.getBpmnLabel())));
        }
      }
      return new Plane(shapes, flows);
    }

    List<Label> labels() {
      List<Label> labels = new ArrayList<>();
      shapes.stream().filter(s -> s.label != null && hasExternalLabel(s.element))
          .forEach(s -> labels.add(new Label(s.element, s.label)));
      flows.stream().filter(f -> f.label != null && hasExternalLabel(f.element))
          .forEach(f -> labels.add(new Label(f.element, f.label)));
      return labels;
    }

    private static Box labelOf(BpmnLabel label) {
      return label == null || label.getBounds() == null ? null : Box.of(label.getBounds());
    }

    private static Point point(Waypoint waypoint) {
      return new Point(waypoint.getX(), waypoint.getY());
    }
  }
}
