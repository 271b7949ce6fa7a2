package dev.greenlight.processes.model;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnDiagram;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnPlane;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Draws a process: replaces whatever diagram information a model has with a layered left-to-right layout. Each flow
 * goes one column right of its source (loops go back along the bottom); the first outgoing flow stays on its source's
 * row, further branches and boundary-event flows open rows below. Embedded sub-processes are laid out the same way
 * inside their box, event sub-processes below the main flow.
 */
final class DiagramLayout {

  private static final double COLUMN_GAP = 55;
  private static final double ROW_GAP = 60;
  private static final double PADDING = 40;
  private static final double MARGIN = 60;

  private final BpmnModelInstance model;
  private final Map<String, Rect> rects = new HashMap<>();

  private record Rect(double x, double y, double w, double h) {
    double cx() { return x + w / 2; }
    double cy() { return y + h / 2; }
    double right() { return x + w; }
    double bottom() { return y + h; }
    Rect moved(double dx, double dy) { return new Rect(x + dx, y + dy, w, h); }
  }

  /** A laid-out container: positions relative to its content origin, and the content's size. */
  private record Block(Map<String, Rect> positions, double width, double height) {}

  private DiagramLayout(BpmnModelInstance model) {
    this.model = model;
  }

  static void apply(BpmnModelInstance model) {
    new DiagramLayout(model).draw();
  }

  private void draw() {
    Process process = model.getModelElementsByType(Process.class).iterator().next();
    Block block = layout(process);
    block.positions().forEach((id, rect) -> rects.put(id, rect.moved(MARGIN, MARGIN)));
    placeBoundaryEvents();
    writeDiagram(process);
  }

  private Block layout(BaseElement container) {
    List<FlowNode> nodes = new ArrayList<>();
    List<SubProcess> eventSubProcesses = new ArrayList<>();
    for (FlowNode node : container.getChildElementsByType(FlowNode.class)) {
      if (node instanceof SubProcess sub && sub.triggeredByEvent()) {
        eventSubProcesses.add(sub);
      } else if (!(node instanceof BoundaryEvent)) {
        nodes.add(node);
      }
    }
    Map<String, Block> inner = new HashMap<>();
    Map<String, double[]> sizes = new HashMap<>();
    for (FlowNode node : nodes) {
      if (node instanceof SubProcess sub) {
        Block block = layout(sub);
        inner.put(sub.getId(), block);
        sizes.put(sub.getId(), new double[] {block.width() + 2 * PADDING, block.height() + 2 * PADDING});
      } else {
        sizes.put(node.getId(), sizeOf(node));
      }
    }
    Map<String, List<String>> successors = successors(container, nodes);
    Map<String, Integer> columns = columns(nodes, successors);
    keepLongestPathFirst(successors, columns);
    keepDefaultFlowFirst(nodes, successors);
    Map<String, Integer> rows = rows(nodes, successors, columns);

    int columnCount = columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    int rowCount = rows.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    double[] columnWidth = new double[columnCount];
    double[] rowHeight = new double[rowCount];
    for (FlowNode node : nodes) {
      double[] size = sizes.get(node.getId());
      columnWidth[columns.get(node.getId())] = Math.max(columnWidth[columns.get(node.getId())], size[0]);
      rowHeight[rows.get(node.getId())] = Math.max(rowHeight[rows.get(node.getId())], Math.max(size[1], 80));
    }
    double[] columnX = offsets(columnWidth, COLUMN_GAP);
    double[] rowY = offsets(rowHeight, ROW_GAP);

    Map<String, Rect> positions = new LinkedHashMap<>();
    for (FlowNode node : nodes) {
      double[] size = sizes.get(node.getId());
      int column = columns.get(node.getId());
      int row = rows.get(node.getId());
      double x = columnX[column] + (columnWidth[column] - size[0]) / 2;
      double y = rowY[row] + (rowHeight[row] - size[1]) / 2;
      positions.put(node.getId(), new Rect(x, y, size[0], size[1]));
      Block block = inner.get(node.getId());
      if (block != null) {
        block.positions().forEach((id, rect) -> positions.put(id, rect.moved(x + PADDING, y + PADDING)));
      }
    }
    double width = columnX[columnCount - 1] + columnWidth[columnCount - 1];
    double height = rowY[rowCount - 1] + rowHeight[rowCount - 1] + ROW_GAP;

    double eventX = 0;
    double eventRowHeight = 0;
    for (SubProcess sub : eventSubProcesses) {
      Block block = layout(sub);
      double w = block.width() + 2 * PADDING;
      double h = block.height() + 2 * PADDING;
      double x = eventX;
      double y = height;
      positions.put(sub.getId(), new Rect(x, y, w, h));
      block.positions().forEach((id, rect) -> positions.put(id, rect.moved(x + PADDING, y + PADDING)));
      eventX += w + COLUMN_GAP;
      eventRowHeight = Math.max(eventRowHeight, h);
    }
    if (!eventSubProcesses.isEmpty()) {
      width = Math.max(width, eventX - COLUMN_GAP);
      height += eventRowHeight;
    }
    return new Block(positions, width, height);
  }

  /** Successors within a container; a flow leaving a boundary event counts as leaving its host, after its own flows. */
  private Map<String, List<String>> successors(BaseElement container, List<FlowNode> nodes) {
    Set<String> members = new HashSet<>();
    nodes.forEach(node -> members.add(node.getId()));
    Map<String, List<String>> successors = new LinkedHashMap<>();
    nodes.forEach(node -> successors.put(node.getId(), new ArrayList<>()));
    List<String[]> boundaryFlows = new ArrayList<>();
    for (SequenceFlow flow : container.getChildElementsByType(SequenceFlow.class)) {
      FlowNode source = flow.getSource();
      String target = flow.getTarget().getId();
      if (source instanceof BoundaryEvent boundary) {
        boundaryFlows.add(new String[] {boundary.getAttachedTo().getId(), target});
      } else if (members.contains(source.getId()) && members.contains(target)) {
        successors.get(source.getId()).add(target);
      }
    }
    for (String[] flow : boundaryFlows) {
      if (successors.containsKey(flow[0]) && members.contains(flow[1])) {
        successors.get(flow[0]).add(flow[1]);
      }
    }
    return successors;
  }

  /** Longest path from the start nodes, ignoring flows that close a loop. */
  private Map<String, Integer> columns(List<FlowNode> nodes, Map<String, List<String>> successors) {
    List<String> order = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    Set<String> onPath = new HashSet<>();
    Set<String> backEdges = new HashSet<>();
    for (String start : starts(nodes)) {
      visit(start, successors, visited, onPath, order, backEdges);
    }
    nodes.forEach(node -> visit(node.getId(), successors, visited, onPath, order, backEdges));
    Map<String, Integer> columns = new HashMap<>();
    for (int i = order.size() - 1; i >= 0; i--) {
      String node = order.get(i);
      columns.putIfAbsent(node, 0);
      for (String next : successors.get(node)) {
        if (!backEdges.contains(node + ">" + next)) {
          columns.merge(next, columns.get(node) + 1, Math::max);
        }
      }
    }
    return columns;
  }

  private void visit(String node, Map<String, List<String>> successors, Set<String> visited, Set<String> onPath,
      List<String> postOrder, Set<String> backEdges) {
    if (visited.contains(node)) {
      return;
    }
    visited.add(node);
    onPath.add(node);
    for (String next : successors.get(node)) {
      if (onPath.contains(next)) {
        backEdges.add(node + ">" + next);
      } else {
        visit(next, successors, visited, onPath, postOrder, backEdges);
      }
    }
    onPath.remove(node);
    postOrder.add(node);
  }

  /** The branch that goes on longest stays on its source's row, so the main path reads as a straight line. */
  private static void keepLongestPathFirst(Map<String, List<String>> successors, Map<String, Integer> columns) {
    Map<String, Integer> reach = new HashMap<>();
    List<String> byColumnDescending = new ArrayList<>(successors.keySet());
    byColumnDescending.sort((a, b) -> columns.get(b) - columns.get(a));
    for (String node : byColumnDescending) {
      int furthest = columns.get(node);
      for (String next : successors.get(node)) {
        if (columns.get(next) > columns.get(node)) {
          furthest = Math.max(furthest, reach.getOrDefault(next, columns.get(next)));
        }
      }
      reach.put(node, furthest);
    }
    successors.values().forEach(next -> next.sort((a, b) -> reach.get(b) - reach.get(a)));
  }

  /** A gateway's default flow is the happy path of these runbooks: it stays on the gateway's row. */
  private static void keepDefaultFlowFirst(List<FlowNode> nodes, Map<String, List<String>> successors) {
    for (FlowNode node : nodes) {
      if (node instanceof io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway gateway && gateway.getDefault() != null) {
        String happy = gateway.getDefault().getTarget().getId();
        List<String> next = successors.get(node.getId());
        if (next.remove(happy)) {
          next.add(0, happy);
        }
      }
    }
  }

  private Map<String, Integer> rows(List<FlowNode> nodes, Map<String, List<String>> successors, Map<String, Integer> columns) {
    Map<String, Integer> rows = new HashMap<>();
    Map<Integer, Set<Integer>> taken = new HashMap<>();
    int nextFreeRow = 0;
    for (String start : starts(nodes)) {
      nextFreeRow = place(start, nextFreeRow, successors, columns, rows, taken) + 1;
    }
    for (FlowNode node : nodes) {
      if (!rows.containsKey(node.getId())) {
        nextFreeRow = place(node.getId(), nextFreeRow, successors, columns, rows, taken) + 1;
      }
    }
    return rows;
  }

  /** Places a node at the first free row from the wanted one, then its successors; returns the lowest row used. */
  private int place(String node, int wanted, Map<String, List<String>> successors, Map<String, Integer> columns,
      Map<String, Integer> rows, Map<Integer, Set<Integer>> taken) {
    Set<Integer> column = taken.computeIfAbsent(columns.get(node), c -> new HashSet<>());
    int row = wanted;
    while (column.contains(row)) {
      row++;
    }
    column.add(row);
    rows.put(node, row);
    int lowest = row;
    int branchRow = row;
    for (String next : successors.get(node)) {
      if (!rows.containsKey(next)) {
        lowest = Math.max(lowest, place(next, branchRow, successors, columns, rows, taken));
        branchRow = lowest + 1;
      }
    }
    return lowest;
  }

  private static List<String> starts(List<FlowNode> nodes) {
    List<String> starts = new ArrayList<>();
    nodes.stream().filter(node -> node instanceof StartEvent).forEach(node -> starts.add(node.getId()));
    nodes.stream().filter(node -> !(node instanceof StartEvent) && node.getIncoming().isEmpty())
        .forEach(node -> starts.add(node.getId()));
    return starts;
  }

  private static double[] sizeOf(FlowNode node) {
    if (node instanceof Event) {
      return new double[] {36, 36};
    }
    if (node instanceof Gateway) {
      return new double[] {50, 50};
    }
    return new double[] {100, 80};
  }

  private static double[] offsets(double[] sizes, double gap) {
    double[] offsets = new double[sizes.length];
    double offset = 0;
    for (int i = 0; i < sizes.length; i++) {
      offsets[i] = offset;
      offset += sizes[i] + gap;
    }
    return offsets;
  }

  /** Along the host's bottom edge, as far apart as the host allows (a label is about 100 px wide), at least 42 px. */
  private void placeBoundaryEvents() {
    Map<String, Integer> perHost = new HashMap<>();
    Map<String, Long> countPerHost = model.getModelElementsByType(BoundaryEvent.class).stream()
        .collect(java.util.stream.Collectors.groupingBy(boundary -> boundary.getAttachedTo().getId(),
            java.util.stream.Collectors.counting()));
    for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
      Activity host = boundary.getAttachedTo();
      Rect hostRect = rects.get(host.getId());
      int index = perHost.merge(host.getId(), 1, Integer::sum) - 1;
      long count = countPerHost.get(host.getId());
      double room = count < 2 ? 0 : (hostRect.w() - 28 - 36) / (count - 1);
      double x = hostRect.x() + 14 + index * Math.max(42, Math.min(100, room));
      rects.put(boundary.getId(), new Rect(x, hostRect.bottom() - 18, 36, 36));
    }
  }

  private void writeDiagram(Process process) {
    BpmnDiagram diagram = model.getModelElementsByType(BpmnDiagram.class).stream().findFirst().orElseGet(() -> {
      BpmnDiagram created = model.newInstance(BpmnDiagram.class);
      model.getDefinitions().addChildElement(created);
      return created;
    });
    diagram.setAttributeValue("id", process.getId() + "-diagram", true);
    for (BpmnPlane old : new ArrayList<>(diagram.getChildElementsByType(BpmnPlane.class))) {
      diagram.removeChildElement(old);
    }
    BpmnPlane plane = model.newInstance(BpmnPlane.class);
    plane.setAttributeValue("id", process.getId() + "-plane", true);
    plane.setBpmnElement(process);
    diagram.setBpmnPlane(plane);

    double contentBottom = rects.values().stream().mapToDouble(Rect::bottom).max().orElse(0);
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      plane.addChildElement(shape(node));
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      plane.addChildElement(edge(flow, contentBottom));
    }
  }

  private BpmnShape shape(FlowNode node) {
    Rect rect = rects.get(node.getId());
    BpmnShape shape = model.newInstance(BpmnShape.class);
    shape.setAttributeValue("id", node.getId() + "_di", true);
    shape.setBpmnElement(node);
    if (node instanceof SubProcess) {
      shape.setExpanded(true);
    }
    Bounds bounds = model.newInstance(Bounds.class);
    bounds.setX(rect.x());
    bounds.setY(rect.y());
    bounds.setWidth(rect.w());
    bounds.setHeight(rect.h());
    shape.setBounds(bounds);
    return shape;
  }

  private BpmnEdge edge(SequenceFlow flow, double contentBottom) {
    Rect source = rects.get(flow.getSource().getId());
    Rect target = rects.get(flow.getTarget().getId());
    List<double[]> points = new ArrayList<>();
    if (flow.getSource() instanceof BoundaryEvent) {
      points.add(new double[] {source.cx(), source.bottom()});
      points.add(new double[] {source.cx(), target.cy()});
      points.add(new double[] {target.x(), target.cy()});
    } else if (target.x() <= source.x()) {
      double below = loopLane(flow, source, target, contentBottom);
      points.add(new double[] {source.cx(), source.bottom()});
      points.add(new double[] {source.cx(), below});
      points.add(new double[] {target.cx(), below});
      points.add(new double[] {target.cx(), target.bottom()});
    } else if (Math.abs(source.cy() - target.cy()) < 1 && target.x() - source.right() > COLUMN_GAP + 1) {
      double below = Math.max(source.bottom(), target.bottom()) + ROW_GAP / 2 + 20;
      points.add(new double[] {source.cx(), source.bottom()});
      points.add(new double[] {source.cx(), below});
      points.add(new double[] {target.cx(), below});
      points.add(new double[] {target.cx(), target.bottom()});
    } else if (Math.abs(source.cy() - target.cy()) < 1) {
      points.add(new double[] {source.right(), source.cy()});
      points.add(new double[] {target.x(), target.cy()});
    } else if (flow.getSource() instanceof Gateway && target.cy() > source.cy()) {
      points.add(new double[] {source.cx(), source.bottom()});
      points.add(new double[] {source.cx(), target.cy()});
      points.add(new double[] {target.x(), target.cy()});
    } else {
      double bend = target.x() - COLUMN_GAP / 2;
      points.add(new double[] {source.right(), source.cy()});
      points.add(new double[] {bend, source.cy()});
      points.add(new double[] {bend, target.cy()});
      points.add(new double[] {target.x(), target.cy()});
    }
    BpmnEdge edge = model.newInstance(BpmnEdge.class);
    edge.setAttributeValue("id", flow.getId() + "_di", true);
    edge.setBpmnElement(flow);
    for (double[] point : points) {
      Waypoint waypoint = model.newInstance(Waypoint.class, null);
      waypoint.setX(point[0]);
      waypoint.setY(point[1]);
      edge.addChildElement(waypoint);
    }
    return edge;
  }

  /** A loop returns below the lowest shape of its own container. */
  private double loopLane(SequenceFlow flow, Rect source, Rect target, double contentBottom) {
    ModelElementInstance container = flow.getParentElement();
    if (container instanceof SubProcess sub) {
      Rect box = rects.get(sub.getId());
      return box.bottom() - PADDING / 2;
    }
    return Math.max(source.bottom(), target.bottom()) + ROW_GAP / 2;
  }
}
