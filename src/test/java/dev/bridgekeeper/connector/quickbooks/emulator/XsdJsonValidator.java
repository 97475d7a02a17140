package dev.bridgekeeper.connector.quickbooks.emulator;

import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;
import tools.jackson.databind.JsonNode;

/**
 * Validates Intuit's JSON bodies against Intuit's published XSD (the V3 schema shipped in Intuit's
 * SDKs). Intuit serialises the same JAXB model to XML and JSON, so a JSON body is valid when the
 * XML it stands for is valid: this class writes that XML, putting children in the order the XSD's
 * sequences declare and JSON keys that are XSD attributes as attributes, and hands it to the JDK's
 * own W3C XML Schema validator. Keys the XSD does not know are written too, so the validator reports
 * them instead of this class silently dropping them.
 */
final class XsdJsonValidator {

    static final String NS = "http://schema.intuit.com/finance/v3";
    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static volatile XsdJsonValidator intuitV3;

    private final Schema schema;
    private final Map<String, Element> complexTypes = new HashMap<>();
    private final Map<String, Element> globalElements = new HashMap<>();
    private final Map<String, Element> groups = new HashMap<>();
    private final Map<String, Set<String>> substitutes = new HashMap<>();
    /** Named types are all built in the constructor and only read afterwards; anonymous ones fill in as met. */
    private final Map<Object, Model> models = new IdentityHashMap<>();
    private final Map<Element, Model> inlineModels = new java.util.concurrent.ConcurrentHashMap<>();
    private final XMLOutputFactory xmlOut = XMLOutputFactory.newFactory();
    /** A Validator is not thread-safe and is costly to create against a 15,000-line schema, so each thread keeps one. */
    private final ThreadLocal<Validator> validators;
    private volatile boolean prebuilt;

    /** Intuit's V3 schema as committed under {@code vendor/quickbooks/xsd}, compiled once per JVM (about 2 s). */
    static XsdJsonValidator intuitV3() {
        XsdJsonValidator v = intuitV3;
        if (v == null) {
            synchronized (XsdJsonValidator.class) {
                if (intuitV3 == null) {
                    intuitV3 = new XsdJsonValidator(XsdJsonValidator.class.getResource("/vendor/quickbooks/xsd/IntuitRestServiceDef.xsd"));
                }
                v = intuitV3;
            }
        }
        return v;
    }

    XsdJsonValidator(URL root) {
        try {
            this.schema = SchemaFactory.newInstance(XS).newSchema(root);
            this.validators = ThreadLocal.withInitial(schema::newValidator);
            readSchemaFile(root, new HashSet<>());
            for (String type : complexTypes.keySet()) modelOfType(type);
            prebuilt = true;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load XSD " + root, e);
        }
    }

    /**
     * Validates {@code json} as the global element {@code elementName} (e.g. "Invoice", "IntuitResponse").
     * Returns the validator's messages; empty means valid.
     */
    List<String> validate(String elementName, JsonNode json) {
        Element decl = globalElements.get(elementName);
        if (decl == null) {
            return List.of("the XSD declares no element " + elementName);
        }
        String xml;
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter w = xmlOut.createXMLStreamWriter(out);
            w.writeStartDocument();
            w.setDefaultNamespace(NS);
            writeElement(w, elementName, decl, json, true);
            w.writeEndDocument();
            w.close();
            xml = out.toString();
        } catch (XMLStreamException e) {
            return List.of("cannot render as XML: " + e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        Validator validator = validators.get();
        validator.reset();
        validator.setErrorHandler(new ErrorHandler() {
            @Override public void warning(SAXParseException e) { }
            @Override public void error(SAXParseException e) { if (errors.size() < 20) errors.add(e.getMessage()); }
            @Override public void fatalError(SAXParseException e) { errors.add(e.getMessage()); }
        });
        try {
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            if (errors.isEmpty()) errors.add(e.getMessage());
        }
        return errors;
    }

    // ---- JSON -> XML in XSD order ----

    private void writeElement(XMLStreamWriter w, String name, Element decl, JsonNode value, boolean root) throws XMLStreamException {
        w.writeStartElement(NS, name);
        if (root) w.writeDefaultNamespace(NS);
        Model model = modelOfDeclaration(decl);
        if (value.isObject() && model != null) {
            writeObject(w, model, value);
        } else if (value.isObject()) {
            writeObject(w, Model.EMPTY, value);
        } else if (!value.isNull()) {
            w.writeCharacters(value.asString());
        }
        w.writeEndElement();
    }

    private void writeObject(XMLStreamWriter w, Model model, JsonNode obj) throws XMLStreamException {
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, JsonNode> field : obj.properties()) {
            if (model.attributes.contains(field.getKey()) && field.getValue().isValueNode()) {
                w.writeAttribute(field.getKey(), field.getValue().asString());
                used.add(field.getKey());
            }
        }
        if (model.simpleContent && obj.has("value")) {
            w.writeCharacters(obj.get("value").asString());
            used.add("value");
        }
        for (Particle p : model.children) {
            if (p.substitutionHead) {
                for (Iterator<String> it = obj.propertyNames().iterator(); it.hasNext(); ) {
                    String key = it.next();
                    if (!used.contains(key) && substitutesFor(p.name).contains(key)) {
                        writeRepeated(w, key, globalElements.get(key), obj.get(key));
                        used.add(key);
                    }
                }
            } else if (obj.has(p.name) && !used.contains(p.name)) {
                writeRepeated(w, p.name, p.declaration, obj.get(p.name));
                used.add(p.name);
            }
        }
        for (Map.Entry<String, JsonNode> field : obj.properties()) {
            if (!used.contains(field.getKey())) {
                Element decl = globalElements.get(field.getKey());
                writeRepeated(w, field.getKey(), decl, field.getValue());
            }
        }
    }

    private void writeRepeated(XMLStreamWriter w, String name, Element decl, JsonNode value) throws XMLStreamException {
        if (value.isArray()) {
            for (JsonNode item : value) writeElement(w, name, decl, item, false);
        } else {
            writeElement(w, name, decl, value, false);
        }
    }

    private Set<String> substitutesFor(String head) {
        Set<String> all = new HashSet<>();
        for (String direct : substitutes.getOrDefault(head, Set.of())) {
            all.add(direct);
            all.addAll(substitutesFor(direct));
        }
        return all;
    }

    // ---- schema model ----

    private record Particle(String name, Element declaration, boolean substitutionHead) { }

    private static final class Model {
        static final Model EMPTY = new Model();
        final List<Particle> children = new ArrayList<>();
        final Set<String> attributes = new HashSet<>();
        boolean simpleContent;
    }

    private Model modelOfDeclaration(Element decl) {
        if (decl == null) return null;
        if (decl.hasAttribute("ref")) return modelOfDeclaration(globalElements.get(local(decl.getAttribute("ref"))));
        if (decl.hasAttribute("type")) {
            String type = decl.getAttribute("type");
            return type.startsWith("xs:") ? null : modelOfType(local(type));
        }
        Element inline = child(decl, "complexType");
        if (inline == null) return null;
        Model known = inlineModels.get(inline);
        if (known != null) return known;
        Model built = build(inline);
        Model raced = inlineModels.putIfAbsent(inline, built);
        return raced == null ? built : raced;
    }

    private Model modelOfType(String typeName) {
        Element type = complexTypes.get(typeName);
        if (type == null) return null;
        Model cached = models.get(type);
        if (cached != null || prebuilt) return cached;
        Model built = build(type);
        models.put(type, built);
        return built;
    }

    private Model build(Element complexType) {
        Model m = new Model();
        collect(complexType, m);
        return m;
    }

    private void collect(Element node, Model m) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e) || !XS.equals(e.getNamespaceURI())) continue;
            switch (e.getLocalName()) {
                case "sequence", "choice", "all", "complexContent" -> collect(e, m);
                case "simpleContent" -> { m.simpleContent = true; collect(e, m); }
                case "extension", "restriction" -> {
                    Model base = e.hasAttribute("base") && !e.getAttribute("base").startsWith("xs:")
                            ? modelOfType(local(e.getAttribute("base"))) : null;
                    if (base != null) {
                        m.children.addAll(base.children);
                        m.attributes.addAll(base.attributes);
                        m.simpleContent |= base.simpleContent;
                    }
                    collect(e, m);
                }
                case "group" -> {
                    Element g = e.hasAttribute("ref") ? groups.get(local(e.getAttribute("ref"))) : e;
                    if (g != null) collect(g, m);
                }
                case "element" -> {
                    if (e.hasAttribute("ref")) {
                        String ref = local(e.getAttribute("ref"));
                        Element global = globalElements.get(ref);
                        boolean head = global != null && "true".equals(global.getAttribute("abstract"));
                        m.children.add(new Particle(ref, global, head));
                    } else {
                        m.children.add(new Particle(e.getAttribute("name"), e, false));
                    }
                }
                case "attribute" -> m.attributes.add(e.hasAttribute("name") ? e.getAttribute("name") : local(e.getAttribute("ref")));
                default -> { }
            }
        }
    }

    private void readSchemaFile(URL url, Set<String> seen) throws Exception {
        if (!seen.add(url.toString())) return;
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // the emulator's request threads read this DOM at once: the JDK's parser otherwise builds its nodes lazily,
        // on first read, and two threads expanding the same node corrupt it (under load a type lost its children)
        f.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
        Element root;
        try (InputStream in = url.openStream()) {
            root = f.newDocumentBuilder().parse(in).getDocumentElement();
        }
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e) || !XS.equals(e.getNamespaceURI())) continue;
            switch (e.getLocalName()) {
                case "include" -> readSchemaFile(new URL(url, e.getAttribute("schemaLocation")), seen);
                case "complexType" -> complexTypes.put(e.getAttribute("name"), e);
                case "group" -> groups.put(e.getAttribute("name"), e);
                case "element" -> {
                    globalElements.put(e.getAttribute("name"), e);
                    if (e.hasAttribute("substitutionGroup")) {
                        substitutes.computeIfAbsent(local(e.getAttribute("substitutionGroup")), k -> new HashSet<>()).add(e.getAttribute("name"));
                    }
                }
                default -> { }
            }
        }
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && XS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) return e;
        }
        return null;
    }

    private static String local(String qname) {
        int colon = qname.indexOf(':');
        return colon < 0 ? qname : qname.substring(colon + 1);
    }
}
